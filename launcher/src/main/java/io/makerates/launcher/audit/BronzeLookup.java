package io.makerates.launcher.audit;

import io.makerates.schema.BronzeExtraction;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads single bronze records by their coordinates: assign, seek, poll until that offset, without a
 * consumer group (nothing is committed, nothing of the apps' positions moves).
 */
public final class BronzeLookup implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final KafkaConsumer<String, BronzeExtraction> consumer;
  // a record at given coordinates never changes: voices of one answer read it once
  private final Map<String, Optional<ConsumerRecord<String, BronzeExtraction>>> read =
      new HashMap<>();
  private final Map<TopicPartition, long[]> bounds = new HashMap<>();

  public BronzeLookup(String bootstrapServers, Deserializer<BronzeExtraction> values) {
    this(bootstrapServers, CompletableFuture.completedFuture(values));
  }

  /**
   * @param values the registry's deserializer, still being made: the Kafka client starts and
   *     connects meanwhile, and only the first record waits for it
   */
  public BronzeLookup(
      String bootstrapServers, CompletableFuture<Deserializer<BronzeExtraction>> values) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
    // a fetch at a partition's end would wait the default 500 ms for records that never come,
    // and the next seek or the close waits for it: the audit reads records that exist
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
    // no client telemetry: one request fewer before the first fetch
    p.put(ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, "false");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    consumer = new KafkaConsumer<>(p, new StringDeserializer(), later(values));
  }

  private static Deserializer<BronzeExtraction> later(
      CompletableFuture<Deserializer<BronzeExtraction>> values) {
    return new Deserializer<>() {
      @Override
      public BronzeExtraction deserialize(String topic, byte[] data) {
        return values.join().deserialize(topic, data);
      }

      @Override
      public BronzeExtraction deserialize(String topic, Headers headers, byte[] data) {
        return values.join().deserialize(topic, headers, data);
      }

      @Override
      public void close() {
        values.thenAccept(Deserializer::close);
      }
    };
  }

  /**
   * Connects and learns the topic's partitions ahead of the first read, while the caller does other
   * work: the first read otherwise waits for both.
   */
  public BronzeLookup prepare(String topic) {
    consumer.partitionsFor(topic, WAIT);
    return this;
  }

  /**
   * The record at exactly that offset; empty when the partition no longer (or never) held one
   * there.
   */
  public Optional<ConsumerRecord<String, BronzeExtraction>> read(
      String topic, int partition, long offset) {
    return read.computeIfAbsent(
        topic + "/" + partition + "@" + offset, k -> fetch(topic, partition, offset));
  }

  private Optional<ConsumerRecord<String, BronzeExtraction>> fetch(
      String topic, int partition, long offset) {
    TopicPartition tp = new TopicPartition(topic, partition);
    consumer.assign(List.of(tp));
    long[] startAndEnd =
        bounds.computeIfAbsent(
            tp,
            t ->
                new long[] {
                  consumer.beginningOffsets(List.of(t), WAIT).getOrDefault(t, 0L),
                  consumer.endOffsets(List.of(t), WAIT).getOrDefault(t, 0L)
                });
    if (offset < startAndEnd[0] || offset >= startAndEnd[1]) {
      return Optional.empty();
    }
    consumer.seek(tp, offset);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline && consumer.position(tp) <= offset) {
      for (ConsumerRecord<String, BronzeExtraction> record :
          consumer.poll(Duration.ofMillis(200))) {
        if (record.offset() == offset) {
          return Optional.of(record);
        }
        if (record.offset() > offset) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(1));
  }
}
