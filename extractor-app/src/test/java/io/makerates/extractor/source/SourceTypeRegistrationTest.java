package io.makerates.extractor.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.extractor.SourceConfig;
import io.makerates.runtime.source.SourceTypeIds;
import io.makerates.schema.SourceTier;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every source type of the build has its extractor unit, whole: an adapter of that type, a default
 * endpoint and base, and requests for the latest rates, a day and a range that a backfill can use.
 */
class SourceTypeRegistrationTest {

  @Test
  void everySourceTypeIdHasExactlyOneUnit() {
    assertThat(RateSources.TYPES)
        .extracting(SourceType::id)
        .containsExactlyInAnyOrderElementsOf(SourceTypeIds.ALL);
  }

  @Test
  void everyUnitBuildsItsAdapterWithDefaultsAndRequests() {
    for (SourceType type : RateSources.TYPES) {
      assertThat(type.defaultBaseUrl()).as(type.id()).startsWith("https://");
      assertThat(type.defaultBase()).as(type.id()).matches("[A-Z]{3}");
      SourceConfig config =
          new SourceConfig(
              type.id(),
              type.id(),
              URI.create(type.defaultBaseUrl()),
              null,
              Duration.ofHours(6),
              SourceTier.PRIMARY,
              null,
              List.of());
      RateSource adapter = RateSources.create(config);
      assertThat(adapter.type()).isEqualTo(type.id());
      LocalDate day = LocalDate.of(2026, 3, 2);
      assertThat(adapter.latest().requestedFrom()).as(type.id() + " latest").isNull();
      try {
        assertThat(adapter.day(day).requestedFrom()).as(type.id() + " day").isEqualTo(day);
        SourceRequest range = adapter.range(day, day.plusDays(3));
        assertThat(range.requestedFrom()).isEqualTo(day);
        assertThat(range.requestedTo()).as(type.id() + " range").isEqualTo(day.plusDays(3));
        assertThat(adapter.longestRangeDays()).isPositive();
      } catch (UnsupportedOperationException noHistory) {
        // a latest-only endpoint (open.er-api.com) says so, and what serves history instead
        assertThat(noHistory.getMessage()).as(type.id()).contains("history");
      }
    }
  }

  @Test
  void aYearFileServesARangeOnlyToTheEndOfItsYear() {
    RateSource cnb =
        new CzechNationalBankSource(URI.create(CzechNationalBankSource.DEFAULT_BASE_URL));
    SourceRequest range = cnb.range(LocalDate.of(2025, 12, 20), LocalDate.of(2026, 1, 10));
    assertThat(range.url().toString())
        .isEqualTo("https://api.cnb.cz/cnbapi/exrates/daily-year?year=2025&lang=EN");
    assertThat(range.requestedTo()).isEqualTo(LocalDate.of(2025, 12, 31));
    RateSource bnr =
        new NationalBankOfRomaniaSource(URI.create(NationalBankOfRomaniaSource.DEFAULT_BASE_URL));
    assertThat(bnr.range(LocalDate.of(2025, 12, 29), LocalDate.of(2026, 1, 2)).requestedTo())
        .isEqualTo(LocalDate.of(2025, 12, 31));
  }
}
