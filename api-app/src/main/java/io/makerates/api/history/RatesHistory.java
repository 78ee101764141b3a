package io.makerates.api.history;

import io.makerates.api.rates.DayRates;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The EUR rates of past days, read from the star schema's {@code v_rates} view, which the read-only
 * reader role may read; every value a client sends reaches SQL as a bound parameter. A range is
 * streamed day by day through a cursor, so 27 years are never held in memory at once.
 */
public final class RatesHistory {

  private static final String DAY =
      "SELECT quote, rate FROM v_rates WHERE base = 'EUR' AND rate_date = ?";
  private static final String LAST_ON_OR_BEFORE =
      "SELECT max(rate_date) FROM v_rates WHERE base = 'EUR' AND rate_date <= ?";
  private static final String FIRST_ON_OR_AFTER =
      "SELECT min(rate_date) FROM v_rates WHERE base = 'EUR' AND rate_date >= ?";
  private static final String RANGE =
      "SELECT rate_date, quote, rate FROM v_rates WHERE base = 'EUR'"
          + " AND rate_date BETWEEN ? AND ? ORDER BY rate_date, quote";

  /** Rows fetched per round trip of a range's cursor. */
  private static final int FETCH = 2_000;

  private final DataSource database;

  public RatesHistory(DataSource database) {
    this.database = database;
  }

  /** The last day with rates on or before {@code date}, with its rates. */
  public Optional<DayRates> onOrBefore(LocalDate date) throws SQLException {
    try (Connection c = database.getConnection()) {
      Optional<LocalDate> day = date(c, LAST_ON_OR_BEFORE, date);
      if (day.isEmpty()) {
        return Optional.empty();
      }
      TreeMap<String, BigDecimal> rates = new TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement(DAY)) {
        ps.setObject(1, day.get());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rates.put(rs.getString(1), rs.getBigDecimal(2));
          }
        }
      }
      return Optional.of(new DayRates(day.get(), rates));
    }
  }

  /** The first day with rates on or after {@code date}. */
  public Optional<LocalDate> firstOnOrAfter(LocalDate date) throws SQLException {
    try (Connection c = database.getConnection()) {
      return date(c, FIRST_ON_OR_AFTER, date);
    }
  }

  /**
   * Every day with rates from {@code from} to {@code to}, oldest first, one at a time.
   *
   * @return how many days were given
   */
  public int range(LocalDate from, LocalDate to, Consumer<DayRates> each) throws SQLException {
    try (Connection c = database.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
      try (PreparedStatement ps = c.prepareStatement(RANGE)) {
        ps.setFetchSize(FETCH);
        ps.setObject(1, from);
        ps.setObject(2, to);
        int days = 0;
        try (ResultSet rs = ps.executeQuery()) {
          LocalDate current = null;
          TreeMap<String, BigDecimal> rates = new TreeMap<>();
          while (rs.next()) {
            LocalDate date = rs.getObject(1, LocalDate.class);
            if (current != null && !current.equals(date)) {
              each.accept(new DayRates(current, rates));
              days++;
              rates = new TreeMap<>();
            }
            current = date;
            rates.put(rs.getString(2), rs.getBigDecimal(3));
          }
          if (current != null) {
            each.accept(new DayRates(current, rates));
            days++;
          }
        }
        return days;
      } finally {
        c.rollback();
        c.setAutoCommit(autoCommit);
      }
    }
  }

  private static Optional<LocalDate> date(Connection c, String sql, LocalDate date)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, date);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getObject(1, LocalDate.class)) : Optional.empty();
      }
    }
  }
}
