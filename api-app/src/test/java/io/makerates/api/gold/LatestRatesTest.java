package io.makerates.api.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.schema.GoldRate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The latest rates as gold records arrive: the newest day, replays that never go back, removal. */
class LatestRatesTest {

  private final LatestRates latest = new LatestRates();

  @Test
  void theNewestDayHoldsOnlyTheRatesOfThatDay() {
    assertThat(latest.newest()).isEmpty();
    latest.accept("EUR/USD", gold("2026-03-06", "1.16", 1));
    latest.accept("EUR/HKD", gold("2026-02-27", "9.1", 1)); // a monthly publisher's, older
    latest.accept("USD/JPY", gold("2026-03-06", "148.6", 1)); // a derived base: not kept

    assertThat(latest.newest())
        .hasValueSatisfying(
            day -> {
              assertThat(day.date()).isEqualTo(LocalDate.of(2026, 3, 6));
              assertThat(day.eurTo()).containsOnlyKeys("USD");
            });
    assertThat(latest.of("HKD")).isPresent();
  }

  @Test
  void anOlderOrLowerRevisionRecordNeverReplacesANewerOne() {
    latest.accept("EUR/USD", gold("2026-03-06", "1.16", 2));
    latest.accept("EUR/USD", gold("2026-03-05", "1.15", 3)); // a replay of an older day
    latest.accept("EUR/USD", gold("2026-03-06", "1.17", 1)); // an older revision
    assertThat(latest.newest().orElseThrow().eurTo().get("USD")).isEqualByComparingTo("1.16");

    latest.accept("EUR/USD", gold("2026-03-06", "1.18", 3));
    assertThat(latest.newest().orElseThrow().eurTo().get("USD")).isEqualByComparingTo("1.18");

    latest.accept("EUR/USD", null); // a tombstone
    assertThat(latest.newest()).isEmpty();
  }

  private static GoldRate gold(String date, String rate, int revision) {
    return new GoldRate(
        "EUR",
        "USD",
        LocalDate.parse(date),
        rate,
        "CONSENSUS",
        false,
        2,
        "10",
        revision,
        List.of(),
        Instant.parse("2026-03-06T16:00:00Z"));
  }
}
