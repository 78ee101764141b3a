package io.makerates.sink;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
  private final DimensionRows dimensions = new DimensionRows();
  private final ExtractionRows extractions = new ExtractionRows();

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
    dimensions.ensure(dataSource, rates);
    Map<UUID, ExtractionRows.Coordinates> held = extractions.ensure(dataSource, rates);
    writeRows(rates, nextOffsets, held);
  }

  private void writeRows(
      Collection<SilverRate> rates,
      Map<TopicPartition, Long> nextOffsets,
      Map<UUID, ExtractionRows.Coordinates> held)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        if (!rates.isEmpty()) {
          writeRates(connection, rates, held);
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

  private record DayKey(LocalDate date, String base, String quote) {}

  private static void writeRates(
      Connection connection,
      Collection<SilverRate> rates,
      Map<UUID, ExtractionRows.Coordinates> held)
      throws SQLException {
    // a revision twice in one batch (a producer retry, or published again with more lineage): the
    // later copy stands, as it does across batches
    Map<RevisionKey, SilverRate> latestCopies = new LinkedHashMap<>();
    Map<DayKey, Integer> newestOfDay = new HashMap<>();
    Map<String, SilverRate> newestOfPair = new HashMap<>();
    for (SilverRate r : rates) {
      latestCopies.put(new RevisionKey(r.date(), r.base(), r.quote(), r.revision()), r);
      newestOfDay.merge(new DayKey(r.date(), r.base(), r.quote()), r.revision(), Math::max);
      newestOfPair.merge(r.base() + r.quote(), r, StarSchemaWriter::newer);
    }
    CopyRows rateRows = new CopyRows(RevisionSql.STAGE_RATE_COLUMNS);
    for (SilverRate r : latestCopies.values()) {
      boolean newest = newestOfDay.get(new DayKey(r.date(), r.base(), r.quote())) == r.revision();
      addRow(rateRows, r, newest, newestOfPair.get(r.base() + r.quote()) == r, held);
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(RevisionSql.CREATE_STAGE_RATE);
      copy(connection, "stage_rate", rateRows);
      int written = statement.executeUpdate(RevisionSql.UPSERT_FACT);
      if (written < newestOfDay.size()) {
        // some were older than (or the same as) the stored revision: a replay
        statement.executeUpdate(RevisionSql.INSERT_OLDER_THAN_STORED);
      }
      if (latestCopies.size() > newestOfDay.size()) {
        statement.executeUpdate(RevisionSql.INSERT_SUPERSEDED_IN_BATCH);
      }
      statement.executeUpdate(RevisionSql.UPSERT_LATEST);
    }
  }

  private static SilverRate newer(SilverRate a, SilverRate b) {
    int byDate = a.date().compareTo(b.date());
    // the later record of the same revision stands
    return byDate > 0 || (byDate == 0 && a.revision() > b.revision()) ? a : b;
  }

  /** One staged row: the revision, its voices as arrays, and where it stands in the batch. */
  private static void addRow(
      CopyRows rows,
      SilverRate r,
      boolean newestOfDay,
      boolean newestOfPair,
      Map<UUID, ExtractionRows.Coordinates> held) {
    List<SilverRate.Lineage> voices = voices(r.contributions());
    // the leg and the topic written once where every voice has the same (V15), the sources and
    // coordinates not at all where dim_extraction holds them (V16), and the reasons not at all
    // where no voice was rejected
    String pair = r.base() + "/" + r.quote();
    String topic = voices.isEmpty() ? null : voices.getFirst().bronzeTopic();
    boolean ownLeg = true;
    boolean byExtraction = true;
    boolean oneTopic = topic != null;
    boolean noReason = true;
    for (SilverRate.Lineage v : voices) {
      ownLeg &= pair.equals(v.leg());
      byExtraction &= ExtractionRows.holds(held, v);
      oneTopic &= topic != null && topic.equals(v.bronzeTopic());
      noReason &= v.rejectionReason() == null;
    }
    List<SilverRate.Lineage> coordinates = byExtraction ? null : voices;
    rows.row()
        .integer(dateKey(r.date()))
        .date(r.date())
        .text(r.base())
        .text(r.quote())
        .numeric(r.rate())
        .text(r.status())
        .bool(r.derived())
        .integer(r.sourceCount())
        .numeric(r.spreadBps())
        .numeric(r.confidenceLow())
        .numeric(r.confidenceHigh())
        .integer(r.revision())
        .textArray(ownLeg ? null : voices, SilverRate.Lineage::leg)
        .textArray(coordinates, SilverRate.Lineage::sourceId)
        .uuidArray(voices, SilverRate.Lineage::extractionId)
        .numericArray(voices, SilverRate.Lineage::value)
        .boolArray(voices, SilverRate.Lineage::accepted)
        .textArray(noReason ? null : voices, SilverRate.Lineage::rejectionReason)
        .textArray(byExtraction || oneTopic ? null : voices, SilverRate.Lineage::bronzeTopic)
        .integerArray(coordinates, SilverRate.Lineage::bronzePartition)
        .bigintArray(coordinates, SilverRate.Lineage::bronzeOffset)
        .textArray(r.flags(), f -> f)
        .textArray(voices, SilverRate.Lineage::flag)
        .bool(newestOfDay)
        .bool(newestOfPair)
        .text(!byExtraction && oneTopic ? topic : null);
  }

  /**
   * A revision's voices, one per leg and source (a cross rate has the sources of both its legs),
   * first one kept. A revision has a few dozen voices at most: comparing each with those kept costs
   * less than building a key for each.
   */
  private static List<SilverRate.Lineage> voices(List<SilverRate.Lineage> contributions) {
    List<SilverRate.Lineage> voices = new ArrayList<>(contributions.size());
    next:
    for (SilverRate.Lineage c : contributions) {
      for (SilverRate.Lineage kept : voices) {
        if (kept.sourceId().equals(c.sourceId()) && kept.leg().equals(c.leg())) {
          continue next;
        }
      }
      voices.add(c);
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
          .copyIn("COPY " + table + " FROM STDIN (FORMAT binary)", rows.stream());
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
