package io.makerates.api.history;

import io.makerates.runtime.ops.HealthChecks.Check;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills {@link EurHistory} from the star schema's {@code v_rate_values} at start, streamed day by
 * day through a cursor, and then, every {@code interval}, reads the rates that changed since (by
 * {@code updated_at}, which a BRIN index makes cheap): a late source or a correction of a past day
 * reaches the API within one interval. {@code updated_at} is when the sink's transaction began, and
 * one that began before a read may commit after it; so each read reaches back {@link #OVERLAP}
 * before the database's clock at the previous read, which covers any sink transaction shorter than
 * that (the sink's take seconds). Reading a rate twice changes nothing; and since the bound follows
 * the database's clock, not the newest change, a quiet database is not read again and again.
 */
public final class HistoryRefresh implements AutoCloseable {

  /** How far each read of changes reaches back before the previous read began. */
  static final Duration OVERLAP = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(HistoryRefresh.class);

  private static final String NOW = "SELECT now()";

  private static final String ALL =
      "SELECT date_key, quote, rate FROM v_rate_values WHERE base = 'EUR' ORDER BY date_key";

  private static final String CHANGED =
      "SELECT date_key, quote, rate FROM v_rate_values WHERE base = 'EUR' AND updated_at > ?"
          + " ORDER BY date_key";

  /** Rows fetched per round trip of a read's cursor. */
  private static final int FETCH = 10_000;

  private final DataSource database;
  private final EurHistory history;
  private final Duration interval;
  private final Clock clock;
  private final Thread thread;
  // the database's clock when the last read began: the next read reaches OVERLAP back from it
  private volatile Instant lastReadBegan = Instant.EPOCH;
  private volatile Instant lastRead;
  private volatile String failure;

  public HistoryRefresh(DataSource database, EurHistory history, Duration interval, Clock clock) {
    this.database = database;
    this.history = history;
    this.interval = interval;
    this.clock = clock;
    this.thread = Thread.ofPlatform().daemon().name("makerates-api-history").unstarted(this::run);
  }

  public void start() {
    thread.start();
  }

  /** Ready once the first fill is done; a failed later read keeps the history it has. */
  public Check health() {
    if (history.isFilled()) {
      return Check.up();
    }
    return Check.down(
        failure == null
            ? "reading the rates' history from the star schema"
            : "the rates' history could not be read yet: " + failure);
  }

  /** Seconds since the history last read the star schema, -1 before the first fill. */
  public double secondsSinceRead() {
    Instant read = lastRead;
    return read == null ? -1 : Duration.between(read, clock.instant()).toMillis() / 1000.0;
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        readOnce();
        if (failure != null) {
          LOG.info("the star schema answers again; the rates' history is current");
          failure = null;
        }
      } catch (SQLException e) {
        if (failure == null) {
          LOG.warn("reading the rates' history failed, trying again: {}", e.getMessage());
        }
        failure = e.getMessage();
      }
      try {
        Thread.sleep(history.isFilled() ? interval.toMillis() : 2_000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The first fill, or the changes since the last read. */
  void readOnce() throws SQLException {
    Instant started = clock.instant();
    if (!history.isFilled()) {
      fill();
      history.filled();
      LOG.info(
          "read {} rates of {} days into memory in {} ms",
          history.rateCount(),
          history.dayCount(),
          Duration.between(started, clock.instant()).toMillis());
    } else {
      readChanges();
    }
    lastRead = clock.instant();
  }

  private void fill() throws SQLException {
    stream(ALL, null);
  }

  private void readChanges() throws SQLException {
    stream(CHANGED, Timestamp.from(lastReadBegan.minus(OVERLAP)));
  }

  /**
   * Streams the rows of {@code sql} (ordered by day) through a cursor, handing each day over as
   * soon as the next begins, so that no more than one day is held as rows however many changed.
   */
  private void stream(String sql, Timestamp since) throws SQLException {
    try (Connection c = database.getConnection()) {
      c.setAutoCommit(false); // PostgreSQL streams through a cursor only inside a transaction
      try {
        // the transaction's start, before the read's snapshot: what commits later is read next
        Instant began = databaseNow(c);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setFetchSize(FETCH);
          if (since != null) {
            ps.setTimestamp(1, since);
          }
          try (ResultSet rs = ps.executeQuery()) {
            read(rs);
          }
        }
        lastReadBegan = began;
      } finally {
        c.rollback();
      }
    }
  }

  private static Instant databaseNow(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(NOW);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getTimestamp(1).toInstant();
    }
  }

  private void read(ResultSet rs) throws SQLException {
    SortedMap<Integer, SortedMap<String, BigDecimal>> day = new TreeMap<>();
    int current = 0;
    while (rs.next()) {
      int key = rs.getInt(1);
      if (current != 0 && key != current) {
        history.apply(day);
        day = new TreeMap<>();
      }
      current = key;
      day.computeIfAbsent(key, k -> new TreeMap<>()).put(rs.getString(2), rs.getBigDecimal(3));
    }
    history.apply(day);
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join(10_000);
  }
}
