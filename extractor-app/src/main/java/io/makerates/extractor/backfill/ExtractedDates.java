package io.makerates.extractor.backfill;

import io.makerates.runtime.kafka.TopicDescriptor;
import io.makerates.runtime.source.NoData;
import io.makerates.schema.BronzeExtraction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * The dates a source already has a good answer for, read from the bronze topic: every successful
 * record with a requested date range covers the dates it asked for. Bronze is keyed by source id,
 * so only the partition that key lands on is read.
 */
public final class ExtractedDates {

  private ExtractedDates() {}

  public static Set<LocalDate> of(
      String sourceId,
      Properties kafka,
      TopicDescriptor<String, BronzeExtraction> bronze,
      Duration timeout) {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    Set<LocalDate> covered = new HashSet<>();
    try (KafkaConsumer<String, BronzeExtraction> consumer =
        new KafkaConsumer<>(
            props, bronze.keySerde().deserializer(), bronze.valueSerde().deserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(bronze.name(), timeout);
      if (partitions.isEmpty()) {
        return covered;
      }
      // the default partitioner's choice for this key
      int partition =
          Utils.toPositive(Utils.murmur2(sourceId.getBytes(StandardCharsets.UTF_8)))
              % partitions.size();
      TopicPartition tp = new TopicPartition(bronze.name(), partition);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (consumer.position(tp) < end) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the bronze topic could not be read to its end within "
                  + timeout.toSeconds()
                  + "s, so the dates already extracted are unknown");
        }
        consumer
            .poll(Duration.ofMillis(500))
            .forEach(
                r -> {
                  BronzeExtraction b = r.value();
                  if (b != null
                      && sourceId.equals(b.getSourceId())
                      && (b.getErrorCode() == null || NoData.ERROR_CODE.equals(b.getErrorCode()))
                      && b.getRequestedFrom() != null) {
                    for (LocalDate d = b.getRequestedFrom();
                        !d.isAfter(b.getRequestedTo());
                        d = d.plusDays(1)) {
                      covered.add(d);
                    }
                  }
                });
      }
    }
    return covered;
  }
}
