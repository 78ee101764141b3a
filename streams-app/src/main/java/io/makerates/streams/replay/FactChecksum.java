package io.makerates.streams.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The checksum of {@code fact_rate} that a replay prints and a second replay must reproduce: an MD5
 * over the MD5 of every row in key order, each row as the JSON of all its columns but the times it
 * was written. The row is taken whole and the time columns found in the catalogue, so that a column
 * a migration adds (as {@code flags} was) is covered without anyone remembering to list it; in JSON
 * a NULL stays apart from any value, and a decimal keeps its scale. The rows' hashes come through a
 * cursor: one string of all rows, as PostgreSQL built it before, passed its 1 GB limit on 25 years
 * once each fact row carried its lineage.
 */
public final class FactChecksum {

  // the time a row was written differs from one run to the next; what it says does not
  private static final String ROW_HASHES =
      """
      SELECT md5((to_jsonb(f) - (SELECT coalesce(array_agg(column_name::text), '{}')
                                 FROM information_schema.columns
                                 WHERE table_schema = current_schema() AND table_name = 'fact_rate'
                                   AND data_type LIKE 'timestamp%'))::text)
      FROM fact_rate f
      ORDER BY f.date_key, f.base, f.quote
      """;

  private static final int FETCH = 10_000;

  private FactChecksum() {}

  /** The rows of fact_rate and their checksum. */
  public record Result(long rows, String md5) {}

  public static Result of(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    // the driver fetches in rounds only inside a transaction
    connection.setAutoCommit(false);
    try (Statement s = connection.createStatement()) {
      s.setFetchSize(FETCH);
      MessageDigest digest = md5();
      long rows = 0;
      try (ResultSet rs = s.executeQuery(ROW_HASHES)) {
        while (rs.next()) {
          digest.update(rs.getString(1).getBytes(StandardCharsets.US_ASCII));
          digest.update((byte) '\n');
          rows++;
        }
      }
      return new Result(rows, HexFormat.of().formatHex(digest.digest()));
    } finally {
      connection.rollback(); // it only read
      connection.setAutoCommit(autoCommit);
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }
}
