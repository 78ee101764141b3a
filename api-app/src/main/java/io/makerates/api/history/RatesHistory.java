package io.makerates.api.history;

import io.makerates.api.rates.DayRates;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The EUR rates of past days, read from the star schema's {@code v_rate_values} view (by {@code
 * date_key}, fact_rate's own key, so that a day or a range is an index range), which the read-only
 * reader role may read; every value a client sends reaches SQL as a bound parameter. A range is
 * streamed day by day through a cursor, so 27 years are never held in memory at once. Each answer
 * is one round trip: the day a date falls back to is found inside the query, and ({@code ORDER BY
 * ... LIMIT 1} rather than {@code max}) walks the date index backwards from it.
 */
public final class RatesHistory {

  /** The last day with EUR rates on or before a date. */
  private static final String LAST_ON_OR_BEFORE =
      "(SELECT date_key FROM v_rate_values WHERE base = 'EUR' AND date_key <= ?"
          + " ORDER BY date_key DESC LIMIT 1)";

  /** The same, among the days with a rate of one of the codes bound (or any, with NULL). */
  private static final String LAST_QUOTED_ON_OR_BEFORE =
      "(SELECT date_key FROM v_rate_values WHERE base = 'EUR' AND date_key <= ?"
          + " AND (?::text[] IS NULL OR quote = ANY(?::text[])) ORDER BY date_key DESC LIMIT 1)";

  private static final String FIRST_QUOTED_ON_OR_AFTER =
      "(SELECT date_key FROM v_rate_values WHERE base = 'EUR' AND date_key >= ?"
          + " AND (?::text[] IS NULL OR quote = ANY(?::text[])) ORDER BY date_key LIMIT 1)";

  private static final String DAY =
      "SELECT date_key, quote, rate FROM v_rate_values WHERE base = 'EUR' AND date_key = "
          + LAST_ON_OR_BEFORE
          + " AND (?::text[] IS NULL OR quote = ANY(?::text[]))";

  private static final String SPAN =
      "SELECT coalesce("
          + LAST_QUOTED_ON_OR_BEFORE
          + ", "
          + FIRST_QUOTED_ON_OR_AFTER
          + "), "
          + LAST_QUOTED_ON_OR_BEFORE;

  private static final String RANGE =
      "SELECT date_key, quote, rate FROM v_rate_values WHERE base = 'EUR'"
          + " AND date_key BETWEEN ? AND ? AND (?::text[] IS NULL OR quote = ANY(?::text[]))"
          + " ORDER BY date_key, quote";

  /** The days a range spans: from the last day with rates on or before its start, to its end. */
  public record Span(LocalDate from, LocalDate to) {}

  private final DataSource database;

  public RatesHistory(DataSource database) {
    this.database = database;
  }

  /**
   * The last day with rates on or before {@code date}, with its rates of {@code only} (every
   * currency when empty).
   */
  public Optional<DayRates> onOrBefore(LocalDate date, Set<String> only) throws SQLException {
    try (Connection c = database.getConnection();
        PreparedStatement ps = c.prepareStatement(DAY)) {
      ps.setInt(1, key(date));
      bindCodes(c, ps, 2, only);
      LocalDate day = null;
      TreeMap<String, BigDecimal> rates = new TreeMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          day = date(rs.getInt(1));
          rates.put(rs.getString(2), rs.getBigDecimal(3));
        }
      }
      return day == null ? Optional.empty() : Optional.of(new DayRates(day, rates));
    }
  }

  /**
   * The days with rates of {@code only} (of any currency when empty) a range from {@code start} to
   * {@code end} covers: it begins at the last such day on or before its start (the first after it
   * when there is none), as Frankfurter's does; empty when it holds none.
   */
  public Optional<Span> span(LocalDate start, LocalDate end, Set<String> only) throws SQLException {
    try (Connection c = database.getConnection();
        PreparedStatement ps = c.prepareStatement(SPAN)) {
      ps.setInt(1, key(start));
      bindCodes(c, ps, 2, only);
      ps.setInt(4, key(start));
      bindCodes(c, ps, 5, only);
      ps.setInt(7, key(end));
      bindCodes(c, ps, 8, only);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        int fromKey = rs.getInt(1);
        LocalDate from = rs.wasNull() ? null : date(fromKey);
        int toKey = rs.getInt(2);
        LocalDate to = rs.wasNull() ? null : date(toKey);
        return from == null || to == null || to.isBefore(from)
            ? Optional.empty()
            : Optional.of(new Span(from, to));
      }
    }
  }

  /**
   * Every day with rates of {@code only} (every currency when empty) from {@code from} to {@code
   * to}, oldest first, one at a time.
   */
  public void range(LocalDate from, LocalDate to, Set<String> only, Consumer<DayRates> each)
      throws SQLException, IOException {
    StreamedQuery.run(
        database,
        RANGE,
        StreamedQuery.cursorFor(from, to),
        (c, ps) -> {
          ps.setInt(1, key(from));
          ps.setInt(2, key(to));
          bindCodes(c, ps, 3, only);
        },
        rs -> {
          int current = 0;
          TreeMap<String, BigDecimal> rates = new TreeMap<>();
          while (rs.next()) {
            int day = rs.getInt(1);
            if (current != 0 && current != day) {
              each.accept(new DayRates(date(current), rates));
              rates = new TreeMap<>();
            }
            current = day;
            rates.put(rs.getString(2), rs.getBigDecimal(3));
          }
          if (current != 0) {
            each.accept(new DayRates(date(current), rates));
          }
        });
  }

  /** The star schema's date key: 2026-03-04 is 20260304. */
  static int key(LocalDate date) {
    return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
  }

  static LocalDate date(int key) {
    return LocalDate.of(key / 10_000, key / 100 % 100, key % 100);
  }

  /** The codes as a text array at {@code index} and {@code index + 1}, or NULL for every code. */
  static void bindCodes(Connection c, PreparedStatement ps, int index, Set<String> only)
      throws SQLException {
    Array codes = only.isEmpty() ? null : c.createArrayOf("text", only.toArray());
    ps.setArray(index, codes);
    ps.setArray(index + 1, codes);
  }
}
