package io.makerates.sink;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.postgresql.PGConnection;

/**
 * Writes one poll batch of silver rates into the star schema in a single transaction, together with
 * the Kafka positions it reached: COPY into a temporary table, then the set-based statements of
 * {@link RevisionSql}, which write each revision once. Replaying a batch changes nothing, and an
 * older revision never overwrites a newer one. The batch is reduced in Java first (one staged row
 * per revision with its lineage as arrays, date keys computed), so that the statements need no
 * sorting or conflict checks beyond the ones that decide what is new.
 */
final class StarSchemaWriter {

  // never move a position backwards: a fenced-off consumer finishing a stale batch must not rewind
  // the new owner
  private static final String UPSERT_OFFSET =
      """
      INSERT INTO sink_offset AS o (consumer_group, topic, partition, next_offset, updated_at)
      VALUES (?, ?, ?, ?, now())
      ON CONFLICT (consumer_group, topic, partition) DO UPDATE
        SET next_offset = excluded.next_offset, updated_at = excluded.updated_at
      WHERE excluded.next_offset > o.next_offset
      """;

  private final DataSource dataSource;
  private final String consumerGroup;

  StarSchemaWriter(DataSource dataSource, String consumerGroup) {
    this.dataSource = dataSource;
    this.consumerGroup = consumerGroup;
  }

  /**
   * Stores the rates and the next offsets of their partitions atomically, after making sure of the
   * dimension rows they refer to (the fact tables have no foreign keys: V5).
   */
  void write(Collection<SilverRate> rates, Map<TopicPartition, Long> nextOffsets)
      throws SQLException {
    DimensionRows.ensure(dataSource, rates);
    writeRows(rates, nextOffsets);
  }

  private void writeRows(Collection<SilverRate> rates, Map<TopicPartition, Long> nextOffsets)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        if (!rates.isEmpty()) {
          writeRates(connection, rates);
        }
        writeOffsets(connection, nextOffsets);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private record RevisionKey(LocalDate date, String base, String quote, int revision) {}

  private static void writeRates(Connection connection, Collection<SilverRate> rates)
      throws SQLException {
    CopyRows rateRows = new CopyRows();
    // a revision twice in one batch (a producer retry, or published again with more lineage): the
    // later copy stands,
    // as it does across batches
    Map<RevisionKey, SilverRate> latestCopies = new LinkedHashMap<>();
    for (SilverRate r : rates) {
      latestCopies.put(new RevisionKey(r.date(), r.base(), r.quote(), r.revision()), r);
    }
    for (SilverRate r : latestCopies.values()) {
      List<SilverRate.Lineage> voices = voices(r.contributions());
      rateRows
          .add(dateKey(r.date()))
          .add(r.date())
          .add(r.base())
          .add(r.quote())
          .add(r.rate())
          .add(r.status())
          .add(r.derived())
          .add(r.sourceCount())
          .add(r.spreadBps())
          .add(r.confidenceLow())
          .add(r.confidenceHigh())
          .add(r.revision())
          .addArray(voices, SilverRate.Lineage::leg)
          .addArray(voices, SilverRate.Lineage::sourceId)
          .addArray(voices, SilverRate.Lineage::extractionId)
          .addArray(voices, SilverRate.Lineage::value)
          .addArray(voices, SilverRate.Lineage::accepted)
          .addArray(voices, SilverRate.Lineage::rejectionReason)
          .addArray(voices, SilverRate.Lineage::bronzeTopic)
          .addArray(voices, SilverRate.Lineage::bronzePartition)
          .addArray(voices, SilverRate.Lineage::bronzeOffset)
          .addArray(r.flags(), f -> f)
          .addArray(voices, SilverRate.Lineage::flag)
          .endRow();
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(RevisionSql.CREATE_STAGE_RATE);
      copy(connection, "stage_rate", rateRows);
      // reads the fact rows as they were before this batch: it runs first
      statement.executeUpdate(RevisionSql.INSERT_SUPERSEDED);
      statement.executeUpdate(RevisionSql.UPSERT_FACT);
      statement.executeUpdate(RevisionSql.UPSERT_LATEST);
    }
  }

  /**
   * A revision's voices, one per leg and source (a cross rate has the sources of both its legs),
   * first one kept.
   */
  private static List<SilverRate.Lineage> voices(List<SilverRate.Lineage> contributions) {
    List<SilverRate.Lineage> voices = new ArrayList<>(contributions.size());
    Set<String> seen = new HashSet<>();
    for (SilverRate.Lineage c : contributions) {
      if (seen.add(c.leg() + " " + c.sourceId())) {
        voices.add(c);
      }
    }
    return voices;
  }

  /** dim_date's key: yyyymmdd. */
  static int dateKey(LocalDate date) {
    return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
  }

  private static void copy(Connection connection, String table, CopyRows rows) throws SQLException {
    if (rows.rows() == 0) {
      return;
    }
    try {
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("COPY " + table + " FROM STDIN", new StringReader(rows.text()));
    } catch (IOException e) {
      throw new SQLException("COPY into " + table + " failed", e);
    }
  }

  private void writeOffsets(Connection connection, Map<TopicPartition, Long> nextOffsets)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UPSERT_OFFSET)) {
      for (var entry : nextOffsets.entrySet()) {
        statement.setString(1, consumerGroup);
        statement.setString(2, entry.getKey().topic());
        statement.setInt(3, entry.getKey().partition());
        statement.setLong(4, entry.getValue());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  /** The stored next offset of each partition that has one. */
  Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> partitions)
      throws SQLException {
    Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT next_offset FROM sink_offset WHERE consumer_group = ? AND topic = ? AND partition = ?")) {
      for (TopicPartition tp : partitions) {
        statement.setString(1, consumerGroup);
        statement.setString(2, tp.topic());
        statement.setInt(3, tp.partition());
        try (var rs = statement.executeQuery()) {
          if (rs.next()) {
            offsets.put(tp, rs.getLong(1));
          }
        }
      }
    }
    return offsets;
  }

  /** The codes of dim_currency. */
  Set<String> currencyCodes() throws SQLException {
    Set<String> codes = new java.util.HashSet<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        var rs = statement.executeQuery("SELECT code FROM dim_currency")) {
      while (rs.next()) {
        codes.add(rs.getString(1));
      }
    }
    return codes;
  }
}
