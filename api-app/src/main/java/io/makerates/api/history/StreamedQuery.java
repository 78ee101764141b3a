package io.makerates.api.history;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * A query whose rows are handed on as they arrive. Through a cursor when there may be many (years
 * of days), so that they are never all in memory: PostgreSQL's driver fetches in batches only
 * inside a transaction, which is rolled back after (it only read). A cursor costs three round trips
 * more, so a short read goes without.
 */
final class StreamedQuery {

  /** Ranges longer than this many days are read through a cursor; shorter ones fit in memory. */
  private static final long CURSOR_DAYS = 800;

  /** Rows fetched per round trip of a cursor. */
  private static final int FETCH = 5_000;

  /** Binds a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(Connection c, PreparedStatement ps) throws SQLException;
  }

  /** Reads the result, row by row; what it writes as it reads may fail (the client went away). */
  @FunctionalInterface
  interface Reader {
    void read(ResultSet rs) throws SQLException, IOException;
  }

  private StreamedQuery() {}

  /** Whether a range of days from {@code from} to {@code to} is read through a cursor. */
  static boolean cursorFor(LocalDate from, LocalDate to) {
    return ChronoUnit.DAYS.between(from, to) > CURSOR_DAYS;
  }

  static void run(DataSource database, String sql, boolean cursor, Binder binder, Reader reader)
      throws SQLException, IOException {
    try (Connection c = database.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      if (cursor) {
        c.setAutoCommit(false);
      }
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(cursor ? FETCH : 0);
        binder.bind(c, ps);
        try (ResultSet rs = ps.executeQuery()) {
          reader.read(rs);
        }
      } finally {
        if (cursor) {
          c.rollback();
          c.setAutoCommit(autoCommit);
        }
      }
    }
  }
}
