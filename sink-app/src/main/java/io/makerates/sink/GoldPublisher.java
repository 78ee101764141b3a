package io.makerates.sink;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.schema.GoldRate;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes latest_rate to fx.gold.rates.v1 through the Debezium embedded engine, so every change
 * of the table — the sink's own upserts and an operator's correction alike — reaches gold, and the
 * sink never writes one fact to Kafka and PostgreSQL separately. A PostgreSQL advisory lock held on
 * a dedicated session keeps one engine active however many sink replicas run; the others wait and
 * take over when that session ends.
 */
final class GoldPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GoldPublisher.class);

  /** Advisory lock key of the gold engine ("MRGOLD"). */
  static final long LOCK_KEY = 0x4d52474f4c44L;

  static final String ENGINE_NAME = "makerates-gold";
  static final String TOPIC_PREFIX = "makerates";

  private final SinkConfig config;
  private final KafkaProducer<String, GoldRate> producer;
  private final ExecutorService engineExecutor =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "gold-engine"));
  private final Thread thread;
  private final CompletableFuture<Void> stopRequested = new CompletableFuture<>();
  private volatile boolean running = true;
  private volatile boolean active;
  private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;

  GoldPublisher(SinkConfig config, AvroSerdes serdes, MeterRegistry metrics) {
    this.config = config;
    Properties props = config.kafkaCopy();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "makerates-sink-gold");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
    this.producer =
        new KafkaProducer<>(
            props, new StringSerializer(), serdes.<GoldRate>valueSerde().serializer());
    Gauge.builder("makerates.sink.gold.active", () -> active ? 1 : 0)
        .description("1 while this instance holds the gold lock and runs the CDC engine")
        .register(metrics);
    this.thread = new Thread(this::run, "gold-publisher");
  }

  void start() {
    thread.start();
  }

  boolean active() {
    return active;
  }

  private void run() {
    while (running) {
      try (Connection lock =
          DriverManager.getConnection(
              config.databaseUrl(), config.databaseUser(), config.databasePassword())) {
        if (tryLock(lock)) {
          LOG.info("gold lock taken: this instance runs the CDC engine");
          active = true;
          try {
            runEngineWhileLocked(lock);
          } finally {
            active = false;
          }
        }
      } catch (SQLException e) {
        LOG.warn("gold lock session failed: {}", e.toString());
      } catch (RuntimeException e) {
        LOG.error("gold engine failed", e);
      }
      // closing the session released the lock; another replica (or we, after the pause) take over
      pause(config.goldLockRetry());
    }
  }

  private static boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      statement.setLong(1, LOCK_KEY);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /**
   * Runs the engine until close, an engine failure, or the loss of the session that holds the lock.
   */
  private void runEngineWhileLocked(Connection lock) throws SQLException {
    CompletableFuture<Void> finished = new CompletableFuture<>();
    engine =
        DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
            .using(engineProperties())
            .notifying(this::publish)
            .using(
                (success, message, error) -> {
                  if (success) {
                    LOG.info("gold engine stopped: {}", message);
                  } else {
                    LOG.error("gold engine failed: {}", message, error);
                  }
                  finished.complete(null);
                })
            .build();
    engineExecutor.execute(engine);
    try {
      while (running && !finished.isDone()) {
        try {
          CompletableFuture.anyOf(finished, stopRequested)
              .get(config.goldLockRetry().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (!lock.isValid(5)) {
            LOG.error("lost the session holding the gold lock; stopping the engine");
            break;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } catch (ExecutionException e) {
      LOG.error("gold engine failed", e.getCause());
    } finally {
      stopEngine(finished);
    }
  }

  private void stopEngine(CompletableFuture<Void> finished) {
    DebeziumEngine<?> current = engine;
    engine = null;
    if (current == null) {
      return;
    }
    try {
      current.close();
      finished.get(30, TimeUnit.SECONDS);
    } catch (IOException | ExecutionException | TimeoutException e) {
      LOG.warn("gold engine did not stop cleanly: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sends a batch, waits until the broker has it all, and only then lets the engine commit the
   * batch's offsets.
   */
  private void publish(
      List<RecordChangeEvent<SourceRecord>> events,
      DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
      throws InterruptedException {
    List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
    for (RecordChangeEvent<SourceRecord> event : events) {
      GoldRateMapping.GoldRecord gold =
          event.record() == null ? null : GoldRateMapping.map(event.record());
      if (gold != null) {
        sent.add(producer.send(new ProducerRecord<>(TopicNames.GOLD, gold.key(), gold.value())));
      }
    }
    producer.flush();
    for (Future<RecordMetadata> f : sent) {
      try {
        f.get();
      } catch (ExecutionException e) {
        // fail the engine: the batch is not committed and is read again when the engine restarts
        throw new IllegalStateException(
            "gold record not acknowledged: " + e.getCause(), e.getCause());
      }
    }
    for (RecordChangeEvent<SourceRecord> event : events) {
      committer.markProcessed(event);
    }
    committer.markBatchFinished();
  }

  Properties engineProperties() {
    Properties db = Driver.parseURL(config.databaseUrl(), null);
    if (db == null) {
      throw new IllegalArgumentException("cannot parse the JDBC URL " + config.databaseUrl());
    }
    Properties p = new Properties();
    // Kafka client settings (bootstrap, security) for the offset store
    p.putAll(config.kafka());
    p.setProperty("name", ENGINE_NAME); // offsets are keyed by it: keep it stable
    p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    p.setProperty("database.hostname", db.getProperty("PGHOST", "localhost").split(",")[0]);
    p.setProperty("database.port", db.getProperty("PGPORT", "5432").split(",")[0]);
    p.setProperty("database.dbname", db.getProperty("PGDBNAME"));
    p.setProperty("database.user", config.databaseUser());
    p.setProperty("database.password", config.databasePassword());
    p.setProperty("plugin.name", "pgoutput");
    p.setProperty("slot.name", config.goldSlotName());
    p.setProperty("publication.name", config.goldSlotName());
    p.setProperty("publication.autocreate.mode", "filtered");
    p.setProperty("table.include.list", "public.latest_rate");
    p.setProperty("topic.prefix", TOPIC_PREFIX);
    p.setProperty("snapshot.mode", "initial");
    p.setProperty("decimal.handling.mode", "string");
    p.setProperty("tombstones.on.delete", "false");
    // how long the engine waits for more changes before it hands a batch over: Debezium's 500 ms
    // default was most of the time from a stored rate to its gold record
    p.setProperty("poll.interval.ms", "50");
    p.setProperty("offset.storage", ClosingKafkaOffsetBackingStore.class.getName());
    p.setProperty("offset.storage.topic", config.goldOffsetsTopic());
    p.setProperty("offset.storage.partitions", "1");
    p.setProperty("offset.storage.replication.factor", Short.toString(config.topicReplication()));
    p.setProperty("offset.flush.interval.ms", "1000");
    return p;
  }

  private void pause(Duration duration) {
    if (!running) {
      return;
    }
    try {
      stopRequested.get(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // time to try again
    } catch (InterruptedException | ExecutionException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    stopRequested.complete(null);
    try {
      thread.join(Duration.ofSeconds(40));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engineExecutor.shutdownNow();
    producer.close(Duration.ofSeconds(5));
  }
}
