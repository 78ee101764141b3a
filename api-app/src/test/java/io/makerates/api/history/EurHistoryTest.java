package io.makerates.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.api.rates.DayRates;
import io.makerates.api.rates.NotReady;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Past days in memory: what a day, a span and a range of days are answered from. */
class EurHistoryTest {

  private static final LocalDate THU = LocalDate.of(2026, 3, 5);
  private static final LocalDate FRI = LocalDate.of(2026, 3, 6);
  private static final LocalDate MON = LocalDate.of(2026, 3, 9);

  private final EurHistory history = new EurHistory();

  @BeforeEach
  void fill() {
    SortedMap<Integer, SortedMap<String, BigDecimal>> days = new TreeMap<>();
    days.put(20260305, rates("USD", "1.1600", "JPY", "172.40"));
    days.put(20260306, rates("USD", "1.161", "JPY", "172.41"));
    days.put(20260309, rates("JPY", "172.44")); // no USD on Monday
    history.apply(days);
    history.filled();
  }

  @Test
  void nothingIsAnsweredBeforeTheFirstFill() {
    EurHistory empty = new EurHistory();
    assertThatThrownBy(() -> empty.onOrBefore(THU, Set.of())).isInstanceOf(NotReady.class);
    assertThatThrownBy(() -> empty.span(THU, FRI, Set.of())).isInstanceOf(NotReady.class);
    assertThatThrownBy(() -> empty.range(THU, FRI, Set.of(), d -> {})).isInstanceOf(NotReady.class);
  }

  @Test
  void aDayIsTheLastWithRatesOnOrBeforeItAndKeepsEveryDigitAndScale() {
    DayRates sunday = history.onOrBefore(LocalDate.of(2026, 3, 8), Set.of()).orElseThrow();
    assertThat(sunday.date()).isEqualTo(FRI);
    assertThat(history.onOrBefore(THU, Set.of("USD")).orElseThrow().eurTo())
        .containsExactly(Map.entry("USD", new BigDecimal("1.1600")));
    assertThat(history.onOrBefore(LocalDate.of(2026, 3, 4), Set.of())).isEmpty();
  }

  @Test
  void aRateOfMoreDigitsThanALongHoldsIsKeptWhole() {
    BigDecimal wide = new BigDecimal("1.16000000000000000000123");
    history.apply(new TreeMap<>(Map.of(20260310, rates("USD", wide.toPlainString()))));
    assertThat(history.onOrBefore(LocalDate.of(2026, 3, 10), Set.of()).orElseThrow().eurTo())
        .containsEntry("USD", wide);
  }

  @Test
  void aChangeReplacesOneRateAndKeepsTheRestOfTheDay() {
    history.apply(new TreeMap<>(Map.of(20260305, rates("USD", "1.1555"))));
    assertThat(history.onOrBefore(THU, Set.of()).orElseThrow().eurTo())
        .containsEntry("USD", new BigDecimal("1.1555"))
        .containsEntry("JPY", new BigDecimal("172.40"));
  }

  @Test
  void ratesReadAgainUnchangedLeaveTheDayAsItWas() {
    CompactDay before = CompactDay.of(20260305, rates("USD", "1.1600", "JPY", "172.40"));
    assertThat(before.with(rates("USD", "1.1600"))).isSameAs(before);
    // the same number at another scale is another figure, as the star schema stores it
    assertThat(before.with(rates("USD", "1.16"))).isNotSameAs(before);
  }

  @Test
  void aSpanStartsAtTheLastDayQuotingBeforeItsStartAndEndsAtTheLastQuotingDay() {
    assertThat(history.span(LocalDate.of(2026, 3, 7), MON, Set.of("USD")))
        .contains(new EurHistory.Span(FRI, FRI));
    assertThat(history.span(LocalDate.of(2026, 3, 7), MON, Set.of()))
        .contains(new EurHistory.Span(FRI, MON));
    // nothing on or before the start: the first day after it
    assertThat(history.span(LocalDate.of(2026, 3, 1), THU, Set.of()))
        .contains(new EurHistory.Span(THU, THU));
    assertThat(history.span(THU, MON, Set.of("CHF"))).isEmpty();
  }

  @Test
  void aRangeWalksTheDaysQuotingWhatIsAskedOldestFirst() {
    List<DayRates> days = new ArrayList<>();
    history.range(THU, MON, Set.of("USD"), days::add);
    assertThat(days).extracting(DayRates::date).containsExactly(THU, FRI);
    assertThat(days.get(1).eurTo()).containsOnlyKeys("USD");
    days.clear();
    history.range(FRI, MON, Set.of(), days::add);
    assertThat(days).extracting(DayRates::date).containsExactly(FRI, MON);
    assertThat(history.rateCount()).isEqualTo(5);
  }

  private static SortedMap<String, BigDecimal> rates(String... codesAndValues) {
    SortedMap<String, BigDecimal> rates = new TreeMap<>();
    for (int i = 0; i < codesAndValues.length; i += 2) {
      rates.put(codesAndValues[i], new BigDecimal(codesAndValues[i + 1]));
    }
    return rates;
  }
}
