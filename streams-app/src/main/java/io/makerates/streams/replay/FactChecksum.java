package io.makerates.streams.replay;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The checksum of {@code fact_rate} that a replay prints and a second replay must reproduce: an MD5
 * over every row in key order, each row as the JSON of all its columns but the times it was
 * written. The row is taken whole and the time columns found in the catalogue, so that a column a
 * migration adds (as {@code flags} was) is covered without anyone remembering to list it; in JSON a
 * NULL stays apart from any value, and a decimal keeps its scale.
 */
public final class FactChecksum {

  // the time a row was written differs from one run to the next; what it says does not
  private static final String QUERY =
      """
      SELECT count(*), md5(coalesce(string_agg(
               (to_jsonb(f) - (SELECT coalesce(array_agg(column_name::text), '{}')
                               FROM information_schema.columns
                               WHERE table_schema = current_schema() AND table_name = 'fact_rate'
                                 AND data_type LIKE 'timestamp%'))::text,
               E'\\n' ORDER BY f.date_key, f.base, f.quote), ''))
      FROM fact_rate f
      """;

  private FactChecksum() {}

  /** The rows of fact_rate and their checksum. */
  public record Result(long rows, String md5) {}

  public static Result of(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(QUERY)) {
      rs.next();
      return new Result(rs.getLong(1), rs.getString(2));
    }
  }
}
