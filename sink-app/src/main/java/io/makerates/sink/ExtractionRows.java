package io.makerates.sink;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The extractions a batch's voices came from, in dim_extraction (V16): each answer's source and
 * bronze coordinates stored once, so that a revision whose voices all match their extraction's row
 * stores only the extraction ids. A row is never changed once stored; where a voice names other
 * coordinates (a bronze topic copied elsewhere and replayed), its revision keeps them on its own
 * row. What is stored is remembered for recent extractions, so that a batch of known ones costs no
 * round trip.
 */
final class ExtractionRows {

  // in key order, so that writers adding the same extractions at once wait for each other
  // and never deadlock
  private static final String INSERT =
      """
      INSERT INTO dim_extraction (extraction_id, source_id, bronze_topic, bronze_partition, bronze_offset)
      SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::integer[], ?::bigint[]) ORDER BY 1
      ON CONFLICT (extraction_id) DO NOTHING
      """;

  private static final String SELECT =
      """
      SELECT extraction_id, source_id, bronze_topic, bronze_partition, bronze_offset
      FROM dim_extraction WHERE extraction_id = ANY (?::uuid[])
      """;

  // a live sink sees a few hundred extractions a day and a replay moves through them in date order:
  // forgetting them all now and then only costs a round trip
  private static final int REMEMBERED = 20_000;

  record Coordinates(String sourceId, String topic, int partition, long offset) {
    static Coordinates of(SilverRate.Lineage voice) {
      return new Coordinates(
          voice.sourceId(), voice.bronzeTopic(), voice.bronzePartition(), voice.bronzeOffset());
    }
  }

  private final Map<UUID, Coordinates> stored = new ConcurrentHashMap<>();

  /**
   * Stores the extractions of the rates' voices that dim_extraction does not hold yet, committed on
   * their own (facts about the bronze topic, true whether or not the rates are stored yet).
   *
   * @return what dim_extraction holds for each extraction of the rates: taken for the batch, so
   *     that whether a revision's voices are stored by extraction depends only on the table, never
   *     on what this writer happens to remember (a replay stores the same rows byte for byte)
   */
  Map<UUID, Coordinates> ensure(DataSource dataSource, Collection<SilverRate> rates)
      throws SQLException {
    Map<UUID, Coordinates> held = new HashMap<>();
    Map<UUID, Coordinates> unknown = new TreeMap<>();
    for (SilverRate r : rates) {
      for (SilverRate.Lineage voice : r.contributions()) {
        UUID id = voice.extractionId();
        if (held.containsKey(id) || unknown.containsKey(id)) {
          continue; // an answer quotes many pairs: most voices of a batch share an extraction
        }
        Coordinates known = stored.get(id);
        if (known != null) {
          held.put(id, known);
        } else {
          unknown.put(id, Coordinates.of(voice));
        }
      }
    }
    if (unknown.isEmpty()) {
      return held;
    }
    if (stored.size() + unknown.size() > REMEMBERED) {
      stored.clear();
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT);
        PreparedStatement select = connection.prepareStatement(SELECT)) {
      connection.setAutoCommit(true);
      Array ids = connection.createArrayOf("uuid", unknown.keySet().toArray());
      insert.setArray(1, ids);
      insert.setArray(2, array(connection, "text", unknown.values(), Coordinates::sourceId));
      insert.setArray(3, array(connection, "text", unknown.values(), Coordinates::topic));
      insert.setArray(4, array(connection, "integer", unknown.values(), Coordinates::partition));
      insert.setArray(5, array(connection, "bigint", unknown.values(), Coordinates::offset));
      insert.executeUpdate();
      select.setArray(1, ids);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Coordinates coordinates =
              new Coordinates(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5));
          stored.put(rs.getObject(1, UUID.class), coordinates);
          held.put(rs.getObject(1, UUID.class), coordinates);
        }
      }
    }
    return held;
  }

  /** Whether {@code held} has the voice's own source and coordinates for its extraction. */
  static boolean holds(Map<UUID, Coordinates> held, SilverRate.Lineage voice) {
    Coordinates c = held.get(voice.extractionId());
    return c != null
        && c.partition() == voice.bronzePartition()
        && c.offset() == voice.bronzeOffset()
        && c.sourceId().equals(voice.sourceId())
        && c.topic().equals(voice.bronzeTopic());
  }

  private static Array array(
      Connection connection,
      String type,
      Collection<Coordinates> rows,
      java.util.function.Function<Coordinates, Object> field)
      throws SQLException {
    return connection.createArrayOf(type, rows.stream().map(field).toArray());
  }
}
