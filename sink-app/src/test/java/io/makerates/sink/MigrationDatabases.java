package io.makerates.sink;

import io.makerates.stack.EmbeddedStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/** New databases on an embedded PostgreSQL, migrated up to a given version, for migration tests. */
final class MigrationDatabases {

  private MigrationDatabases() {}

  /** Migrates the database at {@code url} up to {@code target} (every migration when null). */
  static void migrate(EmbeddedStack stack, String url, String target) {
    var config = Flyway.configure().dataSource(url, stack.dbUser(), stack.dbPassword());
    if (target != null) {
      config.target(target);
    }
    config.load().migrate();
  }

  /** A new database of the stack's server, for one test's migrations: its JDBC URL. */
  static String create(EmbeddedStack stack, String name) throws Exception {
    try (Connection admin =
            DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return stack.jdbcUrl().replaceFirst("/postgres$", "/" + name);
  }
}
