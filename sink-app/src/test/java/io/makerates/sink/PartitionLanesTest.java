package io.makerates.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * How a poll batch's partitions are spread over the writer lanes (the writing itself is in
 * SinkAppTest).
 */
class PartitionLanesTest {

  @Test
  void wholePartitionsGoToTheLightestLaneLargestFirst() {
    Map<TopicPartition, Integer> rates = sizes(100, 90, 20, 0);
    try (PartitionLanes lanes = new PartitionLanes(2)) {
      assertThat(lanes.assign(rates)).containsExactly(List.of(tp(0), tp(3)), List.of(tp(1), tp(2)));
    }
  }

  @Test
  void neverMoreLanesThanPartitionsAndNoneEmpty() {
    Map<TopicPartition, Integer> rates = sizes(5, 7);
    try (PartitionLanes lanes = new PartitionLanes(4)) {
      assertThat(lanes.assign(rates)).containsExactly(List.of(tp(1)), List.of(tp(0)));
    }
    try (PartitionLanes one = new PartitionLanes(1)) {
      assertThat(one.assign(rates)).containsExactly(List.of(tp(1), tp(0)));
    }
  }

  @Test
  void aPartitionWithoutRecordsToStoreStillGetsALaneForItsOffset() {
    Map<TopicPartition, Integer> rates = sizes(3, 0);
    try (PartitionLanes lanes = new PartitionLanes(2)) {
      assertThat(lanes.assign(rates)).containsExactly(List.of(tp(0)), List.of(tp(1)));
    }
  }

  @Test
  void atLeastOneLane() {
    assertThatThrownBy(() -> new PartitionLanes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  private static Map<TopicPartition, Integer> sizes(int... counts) {
    Map<TopicPartition, Integer> records = new HashMap<>();
    for (int p = 0; p < counts.length; p++) {
      records.put(tp(p), counts[p]);
    }
    return records;
  }

  private static TopicPartition tp(int partition) {
    return new TopicPartition("fx.silver.rates.v1", partition);
  }
}
