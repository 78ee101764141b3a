package io.makerates.sink;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The connection pool to the star schema and its Flyway migrations (classpath:db/migration). */
final class StarSchema {

  private StarSchema() {}

  static HikariDataSource pool(SinkConfig config) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("makerates-sink");
    hikari.setJdbcUrl(config.databaseUrl());
    hikari.setUsername(config.databaseUser());
    hikari.setPassword(config.databasePassword());
    // one connection per writer (its batch, or before it the dimension rows and offset reads),
    // one for the health check, one to spare
    hikari.setMaximumPoolSize(config.writers() + 2);
    hikari.setAutoCommit(true);
    // start even when the database comes up after us; readiness reports it until then
    hikari.setInitializationFailTimeout(-1);
    return new HikariDataSource(hikari);
  }

  // V1's first comment line once named a design note that is not part of the project; the comment
  // was reworded, the
  // statements were not. A database migrated before holds V1's old checksum, which Flyway's
  // validation refuses, so
  // that one known checksum is brought up to date before migrating; any other difference still
  // stops the sink.
  static final int V1_CHECKSUM_BEFORE_COMMENT_EDIT = -199840031;
  static final int V1_CHECKSUM = -1662413193;

  static void migrate(DataSource dataSource) {
    acceptV1CommentEdit(dataSource);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  private static void acceptV1CommentEdit(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet history =
            statement.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
      if (!history.next() || !history.getBoolean(1)) {
        return; // a new database: Flyway creates the table and records the current checksum
      }
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE flyway_schema_history SET checksum = ? WHERE version = '1' AND checksum = ?")) {
        update.setInt(1, V1_CHECKSUM);
        update.setInt(2, V1_CHECKSUM_BEFORE_COMMENT_EDIT);
        update.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read Flyway's schema history before migrating: " + e.getMessage(), e);
    }
  }
}
