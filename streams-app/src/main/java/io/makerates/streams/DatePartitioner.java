package io.makerates.streams;

import io.makerates.schema.RateObservations;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions observations by their DATE only, ignoring the source part of the {@code
 * {date}/{source}} key, so that every source's observations of one day land on one partition. The
 * consensus step keeps its state per day and can therefore read {@code fx.silver.observations.v1}
 * directly, without a repartition topic. Same hash as Kafka's default partitioner applied to the
 * ISO date.
 */
public final class DatePartitioner implements StreamPartitioner<String, RateObservations> {

  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String key, RateObservations value, int numPartitions) {
    byte[] date = value.getDate().toString().getBytes(StandardCharsets.UTF_8);
    return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(date)) % numPartitions));
  }
}
