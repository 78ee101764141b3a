package io.makerates.bench;

import io.makerates.schema.ConsensusRate;
import io.makerates.sink.SinkParts;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The most PostgreSQL can take with the sink's technique and nothing else: per batch, one
 * transaction that COPYs the fact rows into a temporary table and upserts them into {@code
 * fact_rate} with one {@code INSERT ... ON CONFLICT DO UPDATE}, both the sink's own statements. No
 * Kafka, no Avro, no history, lineage, latest-rate or offset rows.
 */
final class CopyUpsertCeiling implements AutoCloseable {

  private final Connection connection;
  private final CopyManager copy;

  CopyUpsertCeiling(Connection connection) throws SQLException {
    this.connection = connection;
    this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    connection.setAutoCommit(false);
  }

  /** The fact rows of a batch in COPY CSV form; built before the clock starts. */
  static String csv(List<ConsensusRate> rates) {
    StringBuilder text = new StringBuilder(rates.size() * 128);
    for (ConsensusRate r : rates) {
      text.append(SinkParts.dateKey(r.getDate()))
          .append(',')
          .append(r.getDate())
          .append(',')
          .append(r.getBase())
          .append(',')
          .append(r.getQuote())
          .append(',')
          .append(r.getRate())
          .append(',')
          .append(r.getStatus())
          .append(',')
          .append(r.getDerived())
          .append(',')
          .append(r.getSourceCount())
          .append(',')
          .append(r.getSpreadBps())
          .append(',')
          .append(r.getConfidenceLow())
          .append(',')
          .append(r.getConfidenceHigh())
          .append(',')
          .append(r.getRevision())
          .append('\n');
    }
    return text.toString();
  }

  /** One batch in one transaction; returns the rows upserted. */
  long write(String csvRows) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(SinkParts.createStageRate());
      // the fact columns only: the ceiling stores no history and no lineage
      copy.copyIn(
          "COPY stage_rate (date_key, rate_date, base, quote, rate, status, derived, source_count, spread_bps, "
              + "confidence_low, confidence_high, revision) FROM STDIN WITH (FORMAT csv)",
          new StringReader(csvRows));
      long rows = statement.executeUpdate(SinkParts.upsertFact());
      connection.commit();
      return rows;
    } catch (IOException e) {
      connection.rollback();
      throw new SQLException("COPY into stage_rate failed", e);
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
