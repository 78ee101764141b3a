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

/** Reads the compacted quota topic from its start to its end: the usage earlier runs recorded. */
public final class QuotaRestorer {

  private QuotaRestorer() {}

  public static List<QuotaUsage> read(Properties kafka, TopicDescriptor<String, QuotaUsage> topic, Duration timeout) {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // aborted attempts did not happen
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    List<QuotaUsage> usage = new ArrayList<>();
    try (KafkaConsumer<String, QuotaUsage> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
        topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the quota topic " + topic.name() + " could not be read to its end within "
              + timeout.toSeconds() + "s: refusing to start with unknown quota usage");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.value() != null) {
            usage.add(r.value());
          }
        });
      }
    }
    return usage;
  }
}
