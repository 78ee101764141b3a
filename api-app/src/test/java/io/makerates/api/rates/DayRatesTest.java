package io.makerates.api.rates;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Any base's rates through the EUR pivot, exact until the response rounds them. */
class DayRatesTest {

  private final DayRates day =
      new DayRates(
          LocalDate.of(2026, 3, 5),
          new TreeMap<>(
              Map.of(
                  "USD", new BigDecimal("1.16"),
                  "JPY", new BigDecimal("172.40"),
                  "GBP", new BigDecimal("0.87"))));

  @Test
  void theEuroBaseIsTheRatesAsDecidedTimesTheAmount() {
    assertThat(day.against("EUR", Set.of(), new BigDecimal("2")))
        .containsOnlyKeys("GBP", "JPY", "USD")
        .containsEntry("JPY", new BigDecimal("344.80"));
  }

  @Test
  void anotherBaseGoesThroughTheEuroAndGainsIt() {
    var usd = day.against("USD", Set.of(), BigDecimal.ONE);
    assertThat(usd).containsOnlyKeys("EUR", "GBP", "JPY");
    assertThat(usd.get("EUR")).isEqualByComparingTo("0.86206896551724137931");
    assertThat(usd.get("JPY")).isEqualByComparingTo("148.62068965517241379");
    assertThat(day.against("USD", Set.of("GBP"), BigDecimal.TEN)).containsOnlyKeys("GBP");
  }

  @Test
  void aBaseOrSymbolWithoutRatesGivesNothingForIt() {
    assertThat(day.against("CHF", Set.of(), BigDecimal.ONE)).isEmpty();
    assertThat(day.against("EUR", Set.of("CHF"), BigDecimal.ONE)).isEmpty();
    assertThat(day.quotes("EUR")).isTrue();
    assertThat(day.quotes("CHF")).isFalse();
  }
}
