package io.makerates.extractor.quota;

import io.makerates.runtime.kafka.TopicDescriptor;
import io.makerates.schema.QuotaUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows the compacted quota topic: the first {@link #catchUp} reads it from the start (what
 * earlier runs used), each later one only what was written since, by this process or another (a
 * backfill run beside the extractor). Only committed usage counts: an aborted attempt did not
 * happen.
 */
public final class QuotaFeed implements AutoCloseable {

  private final KafkaConsumer<String, QuotaUsage> consumer;
  private final List<TopicPartition> partitions;
  private final Duration timeout;

  public QuotaFeed(Properties kafka, TopicDescriptor<String, QuotaUsage> topic, Duration timeout) {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.timeout = timeout;
    this.consumer =
        new KafkaConsumer<>(
            props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    try {
      this.partitions =
          consumer.partitionsFor(topic.name(), timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
  }

  /** The usage records written since the last call, up to the end of the topic now. */
  public synchronized List<QuotaUsage> catchUp() {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    List<QuotaUsage> usage = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the quota topic could not be read to its end within "
                + timeout.toSeconds()
                + "s: quota usage unknown, so nothing is sent");
      }
      consumer
          .poll(Duration.ofMillis(200))
          .forEach(
              r -> {
                if (r.value() != null) {
                  usage.add(r.value());
                }
              });
    }
    return usage;
  }

  @Override
  public synchronized void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
