package io.makerates.api.v2;

import io.makerates.api.rates.DayRates;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code group=week} and {@code group=month}: a range's daily rows rolled up into one row per quote
 * per ISO week (Monday to Sunday) or calendar month, as Frankfurter averages its periods: the rate
 * is the mean of the period's daily rates (exact, rounded once as it is written), dated by the
 * first day of the period that has rates. It carries the weakest status of its days, the union of
 * their flags and the fewest sources; no spread, no revision (it is no one record). Days come
 * oldest first, so only the period at hand is held in memory.
 */
final class PeriodAverage {

  /** Takes the rolled-up rows. */
  @FunctionalInterface
  interface Rows {
    void row(V2Row row) throws IOException;
  }

  /** One quote's days so far in the period. */
  private static final class Sum {
    private final String base;
    private BigDecimal total = BigDecimal.ZERO;
    private int days;
    private String status;
    private int sources = Integer.MAX_VALUE;
    private final TreeSet<String> flags = new TreeSet<>();

    Sum(String base) {
      this.base = base;
    }

    void add(V2Row row) {
      total = total.add(row.rate());
      days++;
      status = status == null ? row.status() : RowMaker.weaker(status, row.status());
      sources = Math.min(sources, row.sources());
      flags.addAll(row.flags());
    }

    V2Row row(LocalDate date, String quote) {
      return new V2Row(
          date,
          base,
          quote,
          total.divide(BigDecimal.valueOf(days), DayRates.CROSS),
          status,
          sources,
          null,
          List.copyOf(flags),
          null,
          null,
          null);
    }
  }

  private final V2Query.Group group;
  private LocalDate period;
  private LocalDate firstDay;
  private Map<String, Sum> sums = new TreeMap<>();

  PeriodAverage(V2Query.Group group) {
    if (group == V2Query.Group.NONE) {
      throw new IllegalArgumentException("no period to roll up into");
    }
    this.group = group;
  }

  /** One day's rows; the period before it is handed on once a day of another period comes. */
  void day(LocalDate date, List<V2Row> rows, Rows out) throws IOException {
    if (rows.isEmpty()) {
      return; // a day without rows of the query does not date its period
    }
    LocalDate itsPeriod = periodOf(date);
    if (!itsPeriod.equals(period)) {
      finish(out);
      period = itsPeriod;
      firstDay = date;
    }
    for (V2Row row : rows) {
      sums.computeIfAbsent(row.quote(), q -> new Sum(row.base())).add(row);
    }
  }

  /** Hands on the last period. */
  void finish(Rows out) throws IOException {
    for (Map.Entry<String, Sum> sum : sums.entrySet()) {
      out.row(sum.getValue().row(firstDay, sum.getKey()));
    }
    sums = new TreeMap<>();
  }

  private LocalDate periodOf(LocalDate date) {
    return group == V2Query.Group.WEEK ? date.with(DayOfWeek.MONDAY) : date.withDayOfMonth(1);
  }
}
