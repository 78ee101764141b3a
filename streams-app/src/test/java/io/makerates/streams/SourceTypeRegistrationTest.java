package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.runtime.source.SourceTypeIds;
import org.junit.jupiter.api.Test;

/**
 * Every source type of the build has its streams-app unit: a parser and a default independence
 * group.
 */
class SourceTypeRegistrationTest {

  @Test
  void everySourceTypeHasAParserAndADefaultGroup() {
    assertThat(Parsers.all().keySet()).containsExactlyInAnyOrderElementsOf(SourceTypeIds.ALL);
    // a source configured under its type's id, as the default sources are, has its group by default
    assertThat(SourceTypeIds.DEFAULT_GROUPS.keySet())
        .containsExactlyInAnyOrderElementsOf(SourceTypeIds.ALL);
    IndependenceGroups groups = IndependenceGroups.defaults();
    for (String type : SourceTypeIds.ALL) {
      assertThat(groups.groupOf(type)).as(type).isEqualTo(SourceTypeIds.DEFAULT_GROUPS.get(type));
    }
    // Frankfurter republishes the ECB: one voice; every central bank is its own
    assertThat(groups.groupOf("frankfurter")).isEqualTo(groups.groupOf("ecb"));
    assertThat(
            SourceTypeIds.ALL.stream().filter(t -> !t.equals("frankfurter")).map(groups::groupOf))
        .doesNotHaveDuplicates();
  }
}
