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
 * the Kafka positions it reached: COPY into a temporary table, then set-based inserts and upserts.
 * Replaying a batch changes nothing, and an older revision never overwrites a newer one. The batch
 * is reduced in Java first (one staged row per revision with its lineage as arrays, date keys
 * computed), so that the statements need no sorting or conflict checks beyond the ones that decide
 * what is new.
 */
final class StarSchemaWriter {

  // package-visible with UPSERT_FACT: the benchmark's COPY-and-upsert ceiling runs these very
  // statements. A revision's
  // lineage comes with it, one array element per voice (V7).
  static final String CREATE_STAGE_RATE =
      """
      CREATE TEMP TABLE IF NOT EXISTS stage_rate (
        date_key integer, rate_date date, base char(3), quote char(3), rate numeric, status text, derived boolean,
        source_count integer, spread_bps numeric, confidence_low numeric, confidence_high numeric, revision integer,
        lineage_leg text[], lineage_source_id text[], lineage_extraction_id uuid[], lineage_value numeric[],
        lineage_accepted boolean[], lineage_rejection_reason text[], lineage_bronze_topic text[],
        lineage_bronze_partition integer[], lineage_bronze_offset bigint[], flags text[] DEFAULT '{}',
        lineage_flag text[]
      ) ON COMMIT DELETE ROWS;
      """;

  // A revision and its lineage are one row: a replayed revision adds nothing, and its lineage
  // cannot go missing. Silver written by earlier streams-app versions may hold a revision number
  // twice (more lineage, or other values after a late answer): the row takes the later record, and
  // recorded_at moves only when the values changed.
  private static final String INSERT_HISTORY =
      """
      INSERT INTO fact_rate_history AS h
        (date_key, base, quote, revision, rate, status, derived, source_count, spread_bps, recorded_at,
         lineage_leg, lineage_source_id, lineage_extraction_id, lineage_value, lineage_accepted,
         lineage_rejection_reason, lineage_bronze_topic, lineage_bronze_partition, lineage_bronze_offset, flags,
         lineage_flag)
      SELECT date_key, base, quote, revision, rate, status, derived, source_count, spread_bps, now(),
             lineage_leg, lineage_source_id, lineage_extraction_id, lineage_value, lineage_accepted,
             lineage_rejection_reason, lineage_bronze_topic, lineage_bronze_partition, lineage_bronze_offset, flags,
             lineage_flag
      FROM stage_rate
      ON CONFLICT (date_key, base, quote, revision) DO UPDATE SET
        rate = excluded.rate, status = excluded.status, derived = excluded.derived,
        source_count = excluded.source_count, spread_bps = excluded.spread_bps, flags = excluded.flags,
        recorded_at = CASE WHEN (h.rate, h.status, h.derived, h.source_count, h.spread_bps, h.flags)
                                 IS DISTINCT FROM (excluded.rate, excluded.status, excluded.derived,
                                                   excluded.source_count, excluded.spread_bps, excluded.flags)
                           THEN excluded.recorded_at ELSE h.recorded_at END,
        lineage_leg = excluded.lineage_leg, lineage_source_id = excluded.lineage_source_id,
        lineage_extraction_id = excluded.lineage_extraction_id, lineage_value = excluded.lineage_value,
        lineage_accepted = excluded.lineage_accepted, lineage_rejection_reason = excluded.lineage_rejection_reason,
        lineage_bronze_topic = excluded.lineage_bronze_topic, lineage_bronze_partition = excluded.lineage_bronze_partition,
        lineage_bronze_offset = excluded.lineage_bronze_offset, lineage_flag = excluded.lineage_flag
      WHERE (h.rate, h.status, h.derived, h.source_count, h.spread_bps, h.flags, h.lineage_leg, h.lineage_source_id,
             h.lineage_extraction_id, h.lineage_value, h.lineage_accepted, h.lineage_rejection_reason,
             h.lineage_bronze_topic, h.lineage_bronze_partition, h.lineage_bronze_offset, h.lineage_flag)
        IS DISTINCT FROM
            (excluded.rate, excluded.status, excluded.derived, excluded.source_count, excluded.spread_bps,
             excluded.flags, excluded.lineage_leg, excluded.lineage_source_id, excluded.lineage_extraction_id,
             excluded.lineage_value, excluded.lineage_accepted, excluded.lineage_rejection_reason,
             excluded.lineage_bronze_topic, excluded.lineage_bronze_partition, excluded.lineage_bronze_offset,
             excluded.lineage_flag)
      """;

  static final String UPSERT_FACT =
      """
      INSERT INTO fact_rate AS f
        (date_key, base, quote, rate, status, derived, source_count, spread_bps, confidence_low, confidence_high,
         revision, updated_at, flags)
      SELECT DISTINCT ON (date_key, base, quote)
             date_key, base, quote, rate, status, derived, source_count, spread_bps, confidence_low, confidence_high,
             revision, now(), flags
      FROM stage_rate
      ORDER BY date_key, base, quote, revision DESC
      ON CONFLICT (date_key, base, quote) DO UPDATE SET
        rate = excluded.rate, status = excluded.status, derived = excluded.derived,
        source_count = excluded.source_count, spread_bps = excluded.spread_bps,
        confidence_low = excluded.confidence_low, confidence_high = excluded.confidence_high,
        revision = excluded.revision, updated_at = excluded.updated_at, flags = excluded.flags
      WHERE excluded.revision > f.revision
         OR (excluded.revision = f.revision
             AND (f.rate, f.status, f.derived, f.source_count, f.spread_bps, f.confidence_low, f.confidence_high,
                  f.flags)
                 IS DISTINCT FROM (excluded.rate, excluded.status, excluded.derived, excluded.source_count,
                                   excluded.spread_bps, excluded.confidence_low, excluded.confidence_high,
                                   excluded.flags))
      """;

  private static final String UPSERT_LATEST =
      """
      INSERT INTO latest_rate AS l
        (base, quote, rate_date, rate, status, derived, source_count, spread_bps, revision, updated_at, flags)
      SELECT DISTINCT ON (base, quote)
             base, quote, rate_date, rate, status, derived, source_count, spread_bps, revision, now(), flags
      FROM stage_rate
      ORDER BY base, quote, rate_date DESC, revision DESC
      ON CONFLICT (base, quote) DO UPDATE SET
        rate_date = excluded.rate_date, rate = excluded.rate, status = excluded.status, derived = excluded.derived,
        source_count = excluded.source_count, spread_bps = excluded.spread_bps, revision = excluded.revision,
        updated_at = excluded.updated_at, flags = excluded.flags
      WHERE (excluded.rate_date, excluded.revision) > (l.rate_date, l.revision)
         OR ((excluded.rate_date, excluded.revision) = (l.rate_date, l.revision)
             AND (l.rate, l.status, l.derived, l.source_count, l.spread_bps, l.flags)
                 IS DISTINCT FROM (excluded.rate, excluded.status, excluded.derived, excluded.source_count,
                                   excluded.spread_bps, excluded.flags))
      """;

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
      statement.execute(CREATE_STAGE_RATE);
      copy(connection, "stage_rate", rateRows);
      statement.executeUpdate(INSERT_HISTORY);
      statement.executeUpdate(UPSERT_FACT);
      statement.executeUpdate(UPSERT_LATEST);
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
