package io.makerates.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * PostgreSQL 17 from zonky's binaries, with logical decoding on for Debezium; fsync stays off
 * (zonky's default).
 */
final class Postgres implements AutoCloseable {

  /** How long a start (with initdb on a new folder) may take before it is given up. */
  static final Duration STARTUP_WAIT = Duration.ofSeconds(120);

  private final EmbeddedPostgres postgres;

  private Postgres(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on {@code dataDir}. {@code keep}: the data stays after close and is used
   * again by the next start (zonky runs initdb only when there is no postgresql.conf, or when told
   * to clean the folder).
   */
  static Postgres start(Path dataDir, int port, boolean keep) {
    if (keep
        && Files.exists(dataDir.resolve("postgresql.conf"))
        && !Files.exists(dataDir.resolve("global").resolve("pg_control"))) {
      // initdb writes postgresql.conf before the cluster exists: a start killed during initdb left
      // nothing to keep
      StackDirectory.deleteRecursively(dataDir);
    }
    try {
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(!keep)
              // binaries are unpacked once into a cache, not into every run's folder
              .setOverrideWorkingDirectory(
                  Path.of(System.getProperty("user.home"), ".cache", "makerates", "embedded-pg")
                      .toFile())
              // initdb plus the first start took over 30 s on a loaded 2-core machine (a test
              // killing and restarting apps beside it); a start that is slow is not a failure,
              // one that never comes still ends with the reason
              .setPGStartupWait(STARTUP_WAIT)
              .setServerConfig("wal_level", "logical")
              .setServerConfig("max_wal_senders", "10")
              .setServerConfig("max_replication_slots", "10")
              .setServerConfig("max_connections", "100")
              .setServerConfig("listen_addresses", "127.0.0.1")
              // kept data: a commit is written out (to the OS, fsync stays off) before it
              // returns, so even a postmaster killed with -9 keeps it; and no shutdown hook of
              // zonky's own, which would stop PostgreSQL at Ctrl-C while the apps still write:
              // the stack's owner closes it after them, else the next start stops it
              .setServerConfig("synchronous_commit", keep ? "on" : "off")
              // without synchronous commits, logical decoding (gold's CDC) sees a commit only
              // once the WAL writer writes it out, every 200 ms by default: 10 ms keeps gold as
              // close behind the sink as a server with synchronous commits has it
              .setServerConfig("wal_writer_delay", "10ms")
              .setRegisterShutdownHook(!keep)
              .start();
      return new Postgres(pg);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start PostgreSQL in "
              + dataDir
              + " on port "
              + port
              + " within "
              + STARTUP_WAIT.toSeconds()
              + " s: "
              + e.getMessage(),
          e);
    }
  }

  int port() {
    return postgres.getPort();
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
  }

  /** Creates database {@code name} unless it exists; returns its JDBC URL. */
  String createDatabaseIfAbsent(String name) {
    try (Connection conn = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
        PreparedStatement exists =
            conn.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      boolean present;
      try (ResultSet rs = exists.executeQuery()) {
        present = rs.next();
      }
      if (!present) {
        try (Statement create = conn.createStatement()) {
          create.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create the database " + name + ": " + e.getMessage(), e);
    }
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + name;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
