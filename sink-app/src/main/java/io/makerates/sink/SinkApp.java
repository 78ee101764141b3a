package io.makerates.sink;

import com.zaxxer.hikari.HikariDataSource;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicProvisioner;
import io.makerates.runtime.ops.AppRunner;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.runtime.ops.HealthChecks.Check;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The sink: silver rates into the PostgreSQL star schema exactly once, and the latest-rate table to
 * the gold topic through Debezium.
 */
public final class SinkApp {

  private SinkApp() {}

  public static void main(String[] args) {
    AppRunner.run("sink-app", SinkApp::start);
  }

  /**
   * Reads every setting the app reads at start, so that a launcher running it beside others can
   * refuse a bad value before anything starts.
   *
   * @throws io.makerates.runtime.config.ConfigException naming the variable
   */
  public static void checkSettings(Settings settings) {
    SinkConfig.from(settings);
  }

  /**
   * Migrates the schema and starts the writer and (unless disabled) the gold publisher; does not
   * block.
   */
  public static AutoCloseable start(
      Settings settings, PrometheusMeterRegistry metrics, HealthChecks health) {
    SinkConfig config = SinkConfig.from(settings);
    Deque<AutoCloseable> parts = new ArrayDeque<>();
    AutoCloseable app = () -> closeAll(parts);
    try {
      HikariDataSource pool = StarSchema.pool(config);
      parts.push(pool);
      health.add("database", () -> databaseCheck(pool));
      StarSchema.migrate(pool);
      TopicProvisioner.ensure(
          config.kafkaCopy(),
          TopicProvisioner.contractTopics(config.topicPartitions(), config.topicReplication()));

      AvroSerdes serdes = new AvroSerdes(config.registryUrl());
      SilverRateWriters writers =
          new SilverRateWriters(
              config, serdes, new StarSchemaWriter(pool, config.consumerGroup()), metrics);
      parts.push(writers);
      health.add("consumer", writers::health);
      health.addLiveness("consumer", writers::liveness);
      writers.start();

      if (config.goldEnabled()) {
        GoldPublisher gold = new GoldPublisher(config, serdes, metrics);
        parts.push(gold);
        gold.start();
      }
      return app;
    } catch (RuntimeException e) {
      closeAll(parts);
      throw e;
    }
  }

  private static Check databaseCheck(HikariDataSource pool) {
    try (Connection connection = pool.getConnection()) {
      return connection.isValid(2) ? Check.up() : Check.down("connection not valid");
    } catch (SQLException e) {
      return Check.down(e.getMessage());
    }
  }

  /** Closes in reverse start order: gold, writer, pool. */
  private static void closeAll(Deque<AutoCloseable> parts) {
    while (!parts.isEmpty()) {
      try {
        parts.pop().close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(SinkApp.class)
            .warn("part of the sink did not close cleanly", e);
      }
    }
  }
}
