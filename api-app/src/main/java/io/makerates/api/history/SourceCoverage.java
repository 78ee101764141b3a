package io.makerates.api.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Which source quoted which currency, from when to when: every source of {@code v_sources} with the
 * first and last day of its voices per currency in {@code v_rate_lineage} (EUR-pivot rates only: a
 * derived rate repeats its legs' voices). One aggregate over the whole lineage, so its reader keeps
 * the answer for a while rather than asking per request.
 */
public final class SourceCoverage {

  /** A source without any voice yet has one row, with a null quote and null days. */
  private static final String COVERAGE =
      "SELECT s.source_id, s.name, s.independence_group, s.base_currency, c.quote, c.first_day,"
          + " c.last_day FROM v_sources s LEFT JOIN (SELECT source_id, quote,"
          + " min(rate_date) AS first_day, max(rate_date) AS last_day FROM v_rate_lineage"
          + " WHERE base = 'EUR' GROUP BY source_id, quote) c ON c.source_id = s.source_id"
          + " ORDER BY s.source_id, c.quote";

  /**
   * One source and one currency it quoted.
   *
   * @param base the base its answers came in, null where none was recorded
   * @param quote null (and the days with it) for a source with no voice yet
   */
  public record Row(
      String source,
      String name,
      String group,
      String base,
      String quote,
      LocalDate firstDay,
      LocalDate lastDay) {}

  private final DataSource database;

  public SourceCoverage(DataSource database) {
    this.database = database;
  }

  /** Every source with each currency it quoted, by source id and then currency. */
  public List<Row> read() throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = database.getConnection();
        PreparedStatement ps = c.prepareStatement(COVERAGE);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String base = rs.getString(4);
        rows.add(
            new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                base == null ? null : base.strip(),
                rs.getString(5),
                rs.getObject(6, LocalDate.class),
                rs.getObject(7, LocalDate.class)));
      }
    }
    return rows;
  }
}
