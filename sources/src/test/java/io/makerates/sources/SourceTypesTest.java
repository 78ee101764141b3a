package io.makerates.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The registry finds every type's package, and each type is whole. */
class SourceTypesTest {

  @Test
  void findsTheTypesOfEveryPackageEachWhole() {
    assertThat(SourceTypes.byId()).containsKeys("ecb", "frankfurter", "boe", "exchangerate-api");
    for (SourceType type : SourceTypes.all()) {
      assertThat(type.parser()).as(type.id()).isNotNull();
      assertThat(type.defaultBaseUrl()).as(type.id()).startsWith("https://");
      RateSource adapter =
          type.adapter()
              .apply(
                  new AdapterConfig(
                      type.id(),
                      type.id(),
                      URI.create(type.defaultBaseUrl()),
                      type.defaultBase(),
                      false));
      assertThat(adapter.type()).as(type.id()).isEqualTo(type.id());
      // the package is named after the id: a type is found where its id says
      assertThat(adapter.getClass().getPackageName())
          .isEqualTo("io.makerates.sources." + type.id().replace("-", ""));
    }
  }

  @Test
  void independenceGroupsJoinRepublishersToTheirOrigin() {
    assertThat(SourceTypes.defaultGroups()).containsEntry("frankfurter", "ECB");
    assertThat(SourceTypes.defaultGroups()).containsEntry("ecb", "ECB");
  }
}
