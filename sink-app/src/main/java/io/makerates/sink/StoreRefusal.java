package io.makerates.sink;

import java.sql.SQLException;

/**
 * Tells a database error caused by the data being written (PostgreSQL's SQLSTATE classes 22, data
 * exception, and 23, integrity constraint violation: the same rows would fail again on every retry)
 * from one of the database itself (connection lost, lock timeout, disk full, shutdown), which a
 * retry may get past.
 */
final class StoreRefusal {

  /** The reason code of a record the database refused. */
  static final String REASON = io.makerates.schema.ReasonCode.STORE_REFUSED.name();

  private StoreRefusal() {}

  static boolean isAboutTheData(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
        return true;
      }
    }
    return false;
  }

  /** SQLSTATE and message, for the rejection's detail and the log. */
  static String describe(SQLException e) {
    return "SQLSTATE " + e.getSQLState() + ": " + e.getMessage();
  }
}
