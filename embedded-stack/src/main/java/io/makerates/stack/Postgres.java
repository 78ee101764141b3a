package io.makerates.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/** PostgreSQL 17 from zonky's binaries, with logical decoding on for Debezium; fsync stays off (zonky's default). */
final class Postgres implements AutoCloseable {

  private final EmbeddedPostgres postgres;

  private Postgres(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static Postgres start(Path dataDir) {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setPort(FreePorts.next())
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(true)
          // binaries are unpacked once into a cache, not into every run's folder
          .setOverrideWorkingDirectory(Path.of(System.getProperty("user.home"), ".cache", "makerates", "embedded-pg").toFile())
          .setPGStartupWait(Duration.ofSeconds(30))
          .setServerConfig("wal_level", "logical")
          .setServerConfig("max_wal_senders", "10")
          .setServerConfig("max_replication_slots", "10")
          .setServerConfig("max_connections", "100")
          .setServerConfig("listen_addresses", "127.0.0.1")
          .start();
      return new Postgres(pg);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
    }
  }

  int port() {
    return postgres.getPort();
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
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
