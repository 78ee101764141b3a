package io.makerates.launcher.audit;

import io.makerates.schema.BronzeExtraction;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads single bronze records by their coordinates: assign, seek, poll until that offset, without a
 * consumer group (nothing is committed, nothing of the apps' positions moves).
 */
public final class BronzeLookup implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final KafkaConsumer<String, BronzeExtraction> consumer;

  public BronzeLookup(String bootstrapServers, Deserializer<BronzeExtraction> values) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    consumer = new KafkaConsumer<>(p, new StringDeserializer(), values);
  }

  /**
   * The record at exactly that offset; empty when the partition no longer (or never) held one
   * there.
   */
  public Optional<ConsumerRecord<String, BronzeExtraction>> read(
      String topic, int partition, long offset) {
    TopicPartition tp = new TopicPartition(topic, partition);
    consumer.assign(List.of(tp));
    long end = consumer.endOffsets(List.of(tp), WAIT).getOrDefault(tp, 0L);
    long start = consumer.beginningOffsets(List.of(tp), WAIT).getOrDefault(tp, 0L);
    if (offset < start || offset >= end) {
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
