package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.runtime.source.SourceTypeIds;
import org.junit.jupiter.api.Test;

/** Every source type of the build has its streams-app unit: a parser and a default independence group. */
class SourceTypeRegistrationTest {

  @Test
  void everySourceTypeHasAParserAndADefaultGroup() {
    assertThat(Parsers.all().keySet()).containsExactlyInAnyOrderElementsOf(SourceTypeIds.ALL);
    // a source configured under its type's id, as the default sources are, has its group by default
    for (String type : SourceTypeIds.ALL) {
      assertThat(IndependenceGroups.DEFAULTS).as(type).anySatisfy(entry -> assertThat(entry).startsWith(type + "="));
    }
  }
}
