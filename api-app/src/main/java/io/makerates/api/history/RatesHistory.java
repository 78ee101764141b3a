package io.makerates.api.history;

import io.makerates.api.rates.DayRates;
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
 * The EUR rates of past days, read from the star schema's {@code v_rates} view, which the read-only
 * reader role may read; every value a client sends reaches SQL as a bound parameter. A range is
 * streamed day by day through a cursor, so 27 years are never held in memory at once. Each answer
 * is one round trip: the day a date falls back to is found inside the query, and ({@code ORDER BY
 * ... LIMIT 1} rather than {@code max}) walks the date index backwards from it.
 */
public final class RatesHistory {

  /** The last day with EUR rates on or before a date. */
  private static final String LAST_ON_OR_BEFORE =
      "(SELECT rate_date FROM v_rates WHERE base = 'EUR' AND rate_date <= ?"
          + " ORDER BY rate_date DESC LIMIT 1)";

  private static final String FIRST_ON_OR_AFTER =
      "(SELECT rate_date FROM v_rates WHERE base = 'EUR' AND rate_date >= ?"
          + " ORDER BY rate_date LIMIT 1)";

  private static final String DAY =
      "SELECT rate_date, quote, rate FROM v_rates WHERE base = 'EUR' AND rate_date = "
          + LAST_ON_OR_BEFORE
          + " AND (?::text[] IS NULL OR quote = ANY(?::text[]))";

  private static final String SPAN =
      "SELECT coalesce(" + LAST_ON_OR_BEFORE + ", " + FIRST_ON_OR_AFTER + "), " + LAST_ON_OR_BEFORE;

  private static final String RANGE =
      "SELECT rate_date, quote, rate FROM v_rates WHERE base = 'EUR'"
          + " AND rate_date BETWEEN ? AND ? AND (?::text[] IS NULL OR quote = ANY(?::text[]))"
          + " ORDER BY rate_date, quote";

  /** Rows fetched per round trip of a range's cursor. */
  private static final int FETCH = 5_000;

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
      ps.setObject(1, date);
      bindCodes(c, ps, 2, only);
      LocalDate day = null;
      TreeMap<String, BigDecimal> rates = new TreeMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          day = rs.getObject(1, LocalDate.class);
          rates.put(rs.getString(2), rs.getBigDecimal(3));
        }
      }
      return day == null ? Optional.empty() : Optional.of(new DayRates(day, rates));
    }
  }

  /**
   * The days with rates a range from {@code start} to {@code end} covers: it begins at the last
   * such day on or before its start (the first after it when there is none), as Frankfurter's does.
   */
  public Optional<Span> span(LocalDate start, LocalDate end) throws SQLException {
    try (Connection c = database.getConnection();
        PreparedStatement ps = c.prepareStatement(SPAN)) {
      ps.setObject(1, start);
      ps.setObject(2, start);
      ps.setObject(3, end);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        LocalDate from = rs.getObject(1, LocalDate.class);
        LocalDate to = rs.getObject(2, LocalDate.class);
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
      throws SQLException {
    try (Connection c = database.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
      try (PreparedStatement ps = c.prepareStatement(RANGE)) {
        ps.setFetchSize(FETCH);
        ps.setObject(1, from);
        ps.setObject(2, to);
        bindCodes(c, ps, 3, only);
        try (ResultSet rs = ps.executeQuery()) {
          LocalDate current = null;
          TreeMap<String, BigDecimal> rates = new TreeMap<>();
          while (rs.next()) {
            LocalDate date = rs.getObject(1, LocalDate.class);
            if (current != null && !current.equals(date)) {
              each.accept(new DayRates(current, rates));
              rates = new TreeMap<>();
            }
            current = date;
            rates.put(rs.getString(2), rs.getBigDecimal(3));
          }
          if (current != null) {
            each.accept(new DayRates(current, rates));
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(autoCommit);
      }
    }
  }

  /** The codes as a text array at {@code index} and {@code index + 1}, or NULL for every code. */
  private static void bindCodes(Connection c, PreparedStatement ps, int index, Set<String> only)
      throws SQLException {
    Array codes = only.isEmpty() ? null : c.createArrayOf("text", only.toArray());
    ps.setArray(index, codes);
    ps.setArray(index + 1, codes);
  }
}
