package io.makerates.streams.replay;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What a replay reads of the star schema: how far the sink has stored a topic (its offsets live in
 * PostgreSQL, in the same transaction as the rows) and, at the end, row counts and the {@link
 * FactChecksum} of fact_rate that a second replay must reproduce.
 */
final class StarSchemaProbe {

  /** The star schema's size after a replay. */
  record Tables(
      long factRows, String factChecksum, long historyRows, long lineageRows, long latestRows) {}

  private final String url;
  private final String user;
  private final String password;

  StarSchemaProbe(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** The sink's stored next offsets for this topic (empty before its first batch). */
  Map<TopicPartition, Long> storedOffsets(String consumerGroup, String topic) throws SQLException {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT partition, next_offset FROM sink_offset WHERE consumer_group = ? AND topic = ?")) {
      s.setString(1, consumerGroup);
      s.setString(2, topic);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          offsets.put(new TopicPartition(topic, rs.getInt(1)), rs.getLong(2));
        }
      }
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) {
        return offsets; // the sink has not migrated the schema yet
      }
      throw e;
    }
    return offsets;
  }

  Tables tables() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      FactChecksum.Result facts = FactChecksum.of(c);
      return new Tables(
          facts.rows(),
          facts.md5(),
          count(s, "fact_rate_revision"),
          count(s, "fact_rate_contribution"),
          count(s, "latest_rate"));
    }
  }

  private static long count(Statement s, String table) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
