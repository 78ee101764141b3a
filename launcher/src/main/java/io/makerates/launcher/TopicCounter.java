package io.makerates.launcher;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * Reads a topic from its start to its last committed record and counts: committed records only
 * (read_committed), so transaction markers and aborted writes are not counted as offsets would be.
 */
final class TopicCounter implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;

  TopicCounter(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    // a fetch at a partition's end would otherwise wait 500 ms, and the close with it
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  long records(String topic) {
    long[] count = {0};
    scan(topic, r -> count[0]++);
    return count[0];
  }

  long distinctKeys(String topic) {
    Set<Bytes> keys = new HashSet<>();
    scan(topic, r -> keys.add(Bytes.wrap(r.key())));
    return keys.size();
  }

  /**
   * Counts a topic's committed records and hands each value, decoded, to {@code each} (null when it
   * cannot be decoded: the count still has it).
   */
  <V> long values(String topic, Deserializer<V> values, Consumer<V> each) {
    long[] count = {0};
    scan(
        topic,
        r -> {
          count[0]++;
          V value;
          try {
            value = r.value() == null ? null : values.deserialize(topic, r.headers(), r.value());
          } catch (RuntimeException undecodable) {
            value = null;
          }
          each.accept(value);
        });
    return count[0];
  }

  private void scan(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
    if (partitions == null || partitions.isEmpty()) {
      return;
    }
    List<TopicPartition> tps =
        partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(tps);
    consumer.seekToBeginning(tps);
    Map<TopicPartition, Long> end = consumer.endOffsets(tps, Duration.ofSeconds(5));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
        && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(each);
    }
    consumer.unsubscribe();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(1));
  }
}
