package io.makerates.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weeks and months of daily rows: one mean row per quote, dated by the period's first day. */
class V2PeriodAverageTest {

  private static V2Row row(
      LocalDate date, String quote, String rate, String status, int sources, String... flags) {
    return new V2Row(
        date,
        "EUR",
        quote,
        new BigDecimal(rate),
        status,
        sources,
        BigDecimal.TEN,
        List.of(flags),
        1,
        null,
        null);
  }

  @Test
  void aWeekIsTheMeanOfItsDaysUnderItsFirstDayWithRates() throws Exception {
    List<V2Row> out = new ArrayList<>();
    PeriodAverage weeks = new PeriodAverage(V2Query.Group.WEEK);
    // Tuesday 2026-03-03 is the first day with rates of its ISO week; Monday 9th starts the next
    weeks.day(
        LocalDate.of(2026, 3, 3),
        List.of(row(LocalDate.of(2026, 3, 3), "USD", "1.10", "CONSENSUS", 3)),
        out::add);
    weeks.day(LocalDate.of(2026, 3, 4), List.of(), out::add); // nothing for the query: no date
    weeks.day(
        LocalDate.of(2026, 3, 6),
        List.of(
            row(LocalDate.of(2026, 3, 6), "JPY", "170", "CONSENSUS", 2),
            row(LocalDate.of(2026, 3, 6), "USD", "1.20", "DISPUTED", 2, "UNCONFIRMED_JUMP")),
        out::add);
    assertThat(out).isEmpty(); // the week is still open
    weeks.day(
        LocalDate.of(2026, 3, 9),
        List.of(row(LocalDate.of(2026, 3, 9), "USD", "1.30", "CONSENSUS", 2)),
        out::add);
    weeks.finish(out::add);

    assertThat(out)
        .extracting(V2Row::date, V2Row::quote)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 3), "JPY"),
            org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 3), "USD"),
            org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 9), "USD"));
    V2Row usd = out.get(1);
    assertThat(usd.rate()).isEqualByComparingTo("1.15");
    assertThat(usd.status()).isEqualTo("DISPUTED");
    assertThat(usd.flags()).containsExactly("UNCONFIRMED_JUMP");
    assertThat(usd.sources()).isEqualTo(2);
    assertThat(usd.revision()).isNull();
    assertThat(usd.spreadBps()).isNull();
  }

  @Test
  void aMonthRunsFromItsFirstToItsLastCalendarDay() throws Exception {
    List<V2Row> out = new ArrayList<>();
    PeriodAverage months = new PeriodAverage(V2Query.Group.MONTH);
    for (String date : List.of("2026-02-02", "2026-02-27", "2026-03-02")) {
      LocalDate d = LocalDate.parse(date);
      months.day(
          d, List.of(row(d, "USD", date.endsWith("27") ? "1.3" : "1.0", "CONSENSUS", 2)), out::add);
    }
    months.finish(out::add);
    assertThat(out)
        .extracting(V2Row::date)
        .containsExactly(LocalDate.of(2026, 2, 2), LocalDate.of(2026, 3, 2));
    assertThat(out.get(0).rate()).isEqualByComparingTo("1.15");
    assertThat(out.get(1).rate()).isEqualByComparingTo("1.0");
  }
}
