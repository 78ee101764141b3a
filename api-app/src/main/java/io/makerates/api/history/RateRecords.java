package io.makerates.api.history;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What v2 reads of the star schema: the EUR-pivot rates of a day or a range with their status,
 * sources, spread, flags and revision, and, when asked for, every voice of that revision from
 * {@code v_rate_lineage}. Either as stored now ({@code v_rate_values}, by fact_rate's own date key)
 * or as the sink had recorded them at an instant ({@code v_rate_history} by {@code recorded_at}:
 * the newest revision recorded by then), always with a date filter, never through the whole-table
 * {@code rates_as_known_at}. Every value a client sends is a bound parameter; a long range is
 * streamed day by day.
 */
public final class RateRecords {

  /** The codes filter: parameters 3 and 4 of each query below (NULL for every code). */
  private static final String CODES = " AND (?::text[] IS NULL OR quote = ANY(?::text[]))";

  private static final String NOW =
      "SELECT make_date(date_key / 10000, date_key / 100 % 100, date_key % 100) AS day, quote,"
          + " rate, status, source_count, spread_bps, flags, revision FROM v_rate_values"
          + " WHERE base = 'EUR' AND date_key BETWEEN ? AND ?"
          + CODES
          + " ORDER BY date_key, quote";

  /** Parameter 5: the instant. */
  private static final String KNOWN_AT =
      "SELECT DISTINCT ON (rate_date, quote) rate_date AS day, quote, rate, status, source_count,"
          + " spread_bps, flags, revision FROM v_rate_history"
          + " WHERE base = 'EUR' AND rate_date BETWEEN ? AND ?"
          + CODES
          + " AND recorded_at <= ? ORDER BY rate_date, quote, revision DESC";

  /** The rates of either query above with their revision's voices; two more date parameters. */
  private static final String WITH_VOICES =
      "SELECT r.day, r.quote, r.rate, r.status, r.source_count, r.spread_bps, r.flags, r.revision,"
          + " l.source_id, l.independence_group, l.leg, l.value, l.accepted, l.rejection_reason,"
          + " l.flag, l.extraction_id, l.bronze_topic, l.bronze_partition, l.bronze_offset"
          + " FROM (%s) r LEFT JOIN v_rate_lineage l ON l.base = 'EUR' AND l.quote = r.quote"
          + " AND l.revision = r.revision AND l.rate_date = r.day AND l.rate_date BETWEEN ? AND ?"
          + " ORDER BY r.day, r.quote, l.leg, l.source_id";

  private static final String LAST_DAY_NOW =
      "SELECT make_date(date_key / 10000, date_key / 100 % 100, date_key % 100)"
          + " FROM v_rate_values WHERE base = 'EUR' AND date_key BETWEEN ? AND ?"
          + CODES
          + " ORDER BY date_key DESC LIMIT 1";

  private static final String LAST_DAY_KNOWN_AT =
      "SELECT rate_date FROM v_rate_history WHERE base = 'EUR' AND rate_date BETWEEN ? AND ?"
          + CODES
          + " AND recorded_at <= ? ORDER BY rate_date DESC LIMIT 1";

  /** What the rates are read as: as stored now, or as known at an instant. */
  public record AsOf(Instant knownAt) {
    public static final AsOf NOW = new AsOf(null);

    boolean now() {
      return knownAt == null;
    }
  }

  /** Takes the days of a range one at a time, oldest first. */
  @FunctionalInterface
  public interface Days {
    void next(RecordedDay day) throws IOException;
  }

  private final DataSource database;

  public RateRecords(DataSource database) {
    this.database = database;
  }

  /**
   * The last day on or before {@code date}, and not before {@code earliest}, with a rate of one of
   * {@code only} (of any currency when empty), as of {@code asOf}.
   */
  public Optional<LocalDate> lastDay(
      LocalDate earliest, LocalDate date, Set<String> only, AsOf asOf) throws SQLException {
    try (Connection c = database.getConnection();
        PreparedStatement ps = c.prepareStatement(asOf.now() ? LAST_DAY_NOW : LAST_DAY_KNOWN_AT)) {
      bindDays(c, ps, earliest, date, only, asOf);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getObject(1, LocalDate.class)) : Optional.empty();
      }
    }
  }

  /**
   * Every day with rates of {@code only} (every currency when empty) from {@code from} to {@code
   * to}, as of {@code asOf}, each rate with its voices when {@code voices}.
   */
  public void days(
      LocalDate from, LocalDate to, Set<String> only, AsOf asOf, boolean voices, Days each)
      throws SQLException, IOException {
    String rates = asOf.now() ? NOW : KNOWN_AT;
    StreamedQuery.run(
        database,
        voices ? WITH_VOICES.formatted(rates) : rates,
        StreamedQuery.cursorFor(from, to),
        (c, ps) -> {
          int next = bindDays(c, ps, from, to, only, asOf);
          if (voices) {
            ps.setObject(next, from);
            ps.setObject(next + 1, to);
          }
        },
        rs -> readDays(rs, voices, each));
  }

  /** Binds the dates, codes and instant of a query above; the index of the next parameter. */
  private static int bindDays(
      Connection c, PreparedStatement ps, LocalDate from, LocalDate to, Set<String> only, AsOf asOf)
      throws SQLException {
    if (asOf.now()) {
      ps.setInt(1, DateKeys.key(from));
      ps.setInt(2, DateKeys.key(to));
    } else {
      ps.setObject(1, from);
      ps.setObject(2, to);
    }
    bindCodes(c, ps, 3, only);
    if (asOf.now()) {
      return 5;
    }
    ps.setTimestamp(5, Timestamp.from(asOf.knownAt()));
    return 6;
  }

  /** Rows come by day and quote, a rate once per voice (or once, without voices): days of them. */
  private static void readDays(ResultSet rs, boolean voices, Days each)
      throws SQLException, IOException {
    LocalDate day = null;
    TreeMap<String, RecordedRate> rates = new TreeMap<>();
    String quote = null;
    RecordedRate head = null;
    List<Voice> heard = new ArrayList<>();
    while (rs.next()) {
      LocalDate rowDay = rs.getObject(1, LocalDate.class);
      String rowQuote = rs.getString(2);
      if (head != null && !(rowDay.equals(day) && rowQuote.equals(quote))) {
        rates.put(quote, withVoices(head, heard));
        heard = new ArrayList<>();
        if (!rowDay.equals(day)) {
          each.next(new RecordedDay(day, rates));
          rates = new TreeMap<>();
        }
        head = null;
      }
      if (head == null) {
        day = rowDay;
        quote = rowQuote;
        head = rate(rs);
      }
      if (voices && rs.getString(9) != null) {
        heard.add(voice(rs));
      }
    }
    if (head != null) {
      rates.put(quote, withVoices(head, heard));
      each.next(new RecordedDay(day, rates));
    }
  }

  private static RecordedRate rate(ResultSet rs) throws SQLException {
    Array flags = rs.getArray(7);
    List<String> flagList =
        flags == null ? List.of() : Arrays.asList((String[]) flags.getArray()); // text[]
    return new RecordedRate(
        rs.getString(2),
        rs.getBigDecimal(3),
        rs.getString(4),
        rs.getInt(5),
        rs.getBigDecimal(6),
        flagList,
        rs.getInt(8),
        List.of());
  }

  private static RecordedRate withVoices(RecordedRate r, List<Voice> voices) {
    return voices.isEmpty()
        ? r
        : new RecordedRate(
            r.quote(),
            r.rate(),
            r.status(),
            r.sources(),
            r.spreadBps(),
            r.flags(),
            r.revision(),
            voices);
  }

  private static Voice voice(ResultSet rs) throws SQLException {
    return new Voice(
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getBigDecimal(12),
        rs.getBoolean(13),
        rs.getString(14),
        rs.getString(15),
        rs.getString(16),
        rs.getString(17),
        rs.getInt(18),
        rs.getLong(19));
  }

  /** The codes as a text array at {@code index} and {@code index + 1}, or NULL for every code. */
  private static void bindCodes(Connection c, PreparedStatement ps, int index, Set<String> only)
      throws SQLException {
    Array codes = only.isEmpty() ? null : c.createArrayOf("text", only.toArray());
    ps.setArray(index, codes);
    ps.setArray(index + 1, codes);
  }
}
