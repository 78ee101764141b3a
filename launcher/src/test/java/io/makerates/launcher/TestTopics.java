package io.makerates.launcher;

import io.makerates.runtime.kafka.TopicDescriptor;
import io.makerates.stack.EmbeddedStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic of the test's stack from the beginning to its current end, committed records only.
 */
final class TestTopics {

  private TestTopics() {}

  static <V> List<ConsumerRecord<String, V>> readAll(
      EmbeddedStack stack, TopicDescriptor<String, V> topic) {
    return readAll(stack.kafkaProperties(), topic);
  }

  /** Every committed record of {@code topic} on the cluster {@code kafka} names. */
  static <V> List<ConsumerRecord<String, V>> readAll(
      Properties kafka, TopicDescriptor<String, V> topic) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put("isolation.level", "read_committed");
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(
            p, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(i -> new TopicPartition(topic.name(), i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
