package io.makerates.launcher.status;

import io.makerates.runtime.kafka.ContractTopic;
import io.makerates.runtime.kafka.Topics;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.RateObservations;
import io.makerates.schema.Rejection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts, while {@code up} runs, what reaches every stage: it follows the five topics from where it
 * stopped last time (committed records only), reads each source's records into its activity, and
 * saves the counts with the fact rows to the data folder about once a second. {@code status} then
 * reads the file: scanning a three-year stack's 300,000 silver records itself took it seconds.
 */
public final class StageTally implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StageTally.class);
  private static final Duration SAVE_EVERY = Duration.ofSeconds(1);
  private static final Duration LOOK_FOR_PARTITIONS_EVERY = Duration.ofSeconds(10);
  private static final List<String> TOPICS =
      List.of(
          ContractTopic.BRONZE.topic(),
          ContractTopic.OBSERVATIONS.topic(),
          ContractTopic.RATES.topic(),
          ContractTopic.REJECTED.topic(),
          ContractTopic.GOLD.topic());

  /** Where the database is, to count the fact rows. */
  public record Database(String url, String user, String password) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topics topics;
  private final Database database;
  private final Path dataDir;
  private final Clock clock;
  private final StageCounts counts;
  private final Thread thread;
  private volatile boolean running = true;
  private Connection connection;

  private StageTally(
      String bootstrapServers, Topics topics, Database database, Path dataDir, Clock clock) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "makerates-status-tally");
    this.consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topics = topics;
    this.database = database;
    this.dataDir = dataDir;
    this.clock = clock;
    this.counts = StageCounts.read(dataDir).orElseGet(StageCounts::new);
    this.thread = new Thread(this::run, "makerates-status-tally");
    this.thread.setDaemon(true);
  }

  /** Starts counting in the background. */
  public static StageTally start(
      String bootstrapServers, Topics topics, Database database, Path dataDir) {
    StageTally tally =
        new StageTally(bootstrapServers, topics, database, dataDir, Clock.systemUTC());
    tally.thread.start();
    return tally;
  }

  private void run() {
    long nextSave = 0;
    long nextLook = 0;
    List<TopicPartition> assigned = List.of();
    try {
      while (running) {
        long now = System.nanoTime();
        if (now >= nextLook) {
          assigned = assign(assigned);
          nextLook = now + LOOK_FOR_PARTITIONS_EVERY.toNanos();
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          count(record);
        }
        if (System.nanoTime() >= nextSave) {
          save(assigned);
          nextSave = System.nanoTime() + SAVE_EVERY.toNanos();
        }
      }
    } catch (WakeupException stopping) {
      // close() ends the poll
    } catch (RuntimeException e) {
      LOG.warn("the stage counts for 'status' stopped: {}", e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(1));
      closeConnection();
    }
  }

  /**
   * Assigns every partition of the topics that exist, each from where the saved counts stopped; a
   * saved position beyond a partition's end means other data (a new stack): counting starts over.
   */
  private List<TopicPartition> assign(List<TopicPartition> assigned) {
    List<TopicPartition> all = new ArrayList<>();
    for (String topic : TOPICS) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (partitions != null) {
        partitions.forEach(p -> all.add(new TopicPartition(topic, p.partition())));
      }
    }
    if (all.equals(assigned)) {
      return assigned;
    }
    // assigned before its offsets are asked: the client otherwise warns of answers for partitions
    // it does not hold
    consumer.assign(all);
    Map<TopicPartition, Long> end = consumer.endOffsets(all, Duration.ofSeconds(5));
    boolean stale =
        all.stream().anyMatch(tp -> counts.positions.getOrDefault(key(tp), 0L) > end.get(tp));
    if (stale) {
      LOG.info("the saved stage counts are of other data; counting from the start");
      counts.records.replaceAll((stage, n) -> 0L);
      counts.goldKeys.clear();
      counts.sources.clear();
      counts.positions.clear();
    }
    Map<TopicPartition, Long> beginning = consumer.beginningOffsets(all, Duration.ofSeconds(5));
    for (TopicPartition tp : all) {
      long from = counts.positions.getOrDefault(key(tp), 0L);
      consumer.seek(tp, Math.max(from, beginning.get(tp)));
    }
    return all;
  }

  private void count(ConsumerRecord<byte[], byte[]> record) {
    String topic = record.topic();
    if (topic.equals(ContractTopic.BRONZE.topic())) {
      counts.records.merge(StageCounts.BRONZE, 1L, Long::sum);
      BronzeExtraction b = decode(() -> topics.bronze.valueSerde().deserializer(), record);
      if (b != null) {
        counts.source(b.getSourceId()).bronze(b);
      }
    } else if (topic.equals(ContractTopic.OBSERVATIONS.topic())) {
      counts.records.merge(StageCounts.OBSERVATIONS, 1L, Long::sum);
      RateObservations o = decode(() -> topics.observations.valueSerde().deserializer(), record);
      if (o != null) {
        counts.source(o.getSourceId()).observations(o);
      }
    } else if (topic.equals(ContractTopic.RATES.topic())) {
      counts.records.merge(StageCounts.RATES, 1L, Long::sum);
    } else if (topic.equals(ContractTopic.REJECTED.topic())) {
      counts.records.merge(StageCounts.REJECTED, 1L, Long::sum);
      Rejection r = decode(() -> topics.rejected.valueSerde().deserializer(), record);
      if (r != null && r.getSourceId() != null) {
        counts.source(r.getSourceId()).rejection(r);
      }
    } else if (record.key() != null) {
      counts.goldKeys.add(new String(record.key(), StandardCharsets.UTF_8));
    }
  }

  // deserializers by topic, made once: a record that cannot be decoded still counts
  private final Map<String, Deserializer<?>> deserializers = new HashMap<>();

  @SuppressWarnings("unchecked")
  private <V> V decode(Supplier<Deserializer<V>> make, ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return null;
    }
    try {
      var values = (Deserializer<V>) deserializers.computeIfAbsent(record.topic(), t -> make.get());
      return values.deserialize(record.topic(), record.headers(), record.value());
    } catch (RuntimeException undecodable) {
      return null;
    }
  }

  private void save(List<TopicPartition> assigned) {
    long behind = 0;
    // committed ends (read_committed): what is still to be counted, transaction markers aside
    Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(5));
    for (TopicPartition tp : assigned) {
      long position = consumer.position(tp, Duration.ofSeconds(5));
      counts.positions.put(key(tp), position);
      behind += Math.max(0, end.getOrDefault(tp, position) - position);
    }
    counts.behind = behind;
    counts.factRows = factRows();
    counts.countedAt = clock.instant();
    counts.write(dataDir);
  }

  /** The fact rows now; the last count when the database does not answer. */
  private long factRows() {
    try {
      if (connection == null || !connection.isValid(1)) {
        closeConnection();
        connection =
            DriverManager.getConnection(database.url(), database.user(), database.password());
      }
      try (Statement s = connection.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT CASE WHEN to_regclass('public.fact_rate') IS NULL THEN 0"
                      + " ELSE (SELECT count(*) FROM fact_rate) END")) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      return counts.factRows;
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // the stack stops: nothing to keep
      }
      connection = null;
    }
  }

  private static String key(TopicPartition tp) {
    return tp.topic() + "/" + tp.partition();
  }

  /** Stops counting; the counts saved last stay in the data folder for the next {@code up}. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
