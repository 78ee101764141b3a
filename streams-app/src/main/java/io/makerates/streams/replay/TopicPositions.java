package io.makerates.streams.replay;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Kafka positions a replay works with, through Kafka's own Admin API and a read_committed
 * consumer: a topic's start and end, a group's committed offsets and members, and the committed
 * records between two positions (offsets alone overcount: every transaction leaves a marker).
 */
final class TopicPositions implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> consumer;

  TopicPositions(Properties kafka) {
    admin = Admin.create(kafka);
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        "earliest"); // a position before the log's start: what is left
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  List<TopicPartition> partitions(String topic) {
    var infos = consumer.partitionsFor(topic, TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist");
    }
    return infos.stream()
        .map(i -> new TopicPartition(topic, i.partition()))
        .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
        .toList();
  }

  Map<TopicPartition, Long> start(String topic) {
    return offsets(partitions(topic), OffsetSpec.earliest());
  }

  /** The end a read_committed reader sees: the last stable offset. */
  Map<TopicPartition, Long> end(String topic) {
    return offsets(partitions(topic), OffsetSpec.latest());
  }

  /**
   * Through the Admin API: a consumer asked for the offsets of partitions it is not assigned warns
   * once per partition and call ("Not updating last stable offset ..."), hundreds of times a run.
   */
  private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec at) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, at));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    call(
        () ->
            admin
                .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((tp, info) -> offsets.put(tp, info.offset())));
    return offsets;
  }

  /**
   * The group's committed offsets on this topic's partitions; a partition without one starts at the
   * topic's start.
   */
  Map<TopicPartition, Long> committed(String group, String topic) {
    Map<TopicPartition, Long> result = new HashMap<>(start(topic));
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      offsets.forEach(
          (tp, o) -> {
            if (o != null && tp.topic().equals(topic)) {
              result.put(tp, o.offset());
            }
          });
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        throw new IllegalStateException(
            "cannot read the offsets of group " + group + ": " + e.getCause().getMessage(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return result;
  }

  Collection<MemberDescription> members(String group) {
    try {
      ConsumerGroupDescription d =
          admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
      return d.members();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return List.of();
      }
      throw new IllegalStateException(
          "cannot describe group " + group + ": " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Removes every member: only for members a stopped replay left behind, which would hold
   * partitions until timed out.
   */
  void removeMembers(String group) {
    call(
        () ->
            admin
                .removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions())
                .all()
                .get());
  }

  /** Moves the group's positions on these partitions (the group must be empty). */
  void reset(String group, Map<TopicPartition, Long> to) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    // no metadata of our own: Kafka Streams keeps its own in that field and warns about what it
    // cannot read
    to.forEach((tp, o) -> offsets.put(tp, new OffsetAndMetadata(o)));
    call(() -> admin.alterConsumerGroupOffsets(group, offsets).all().get());
  }

  /** Visits every committed record in [from, to) of each partition; returns how many there were. */
  long scan(
      Map<TopicPartition, Long> from,
      Map<TopicPartition, Long> to,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    long count = 0;
    for (var entry : to.entrySet()) {
      TopicPartition tp = entry.getKey();
      long start = from.getOrDefault(tp, 0L);
      long end = entry.getValue();
      if (start >= end) {
        continue;
      }
      consumer.assign(List.of(tp));
      consumer.seek(tp, start);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (consumer.position(tp, TIMEOUT) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200)).records(tp)) {
          if (r.offset() >= end) {
            break;
          }
          count++;
          each.accept(r);
        }
      }
    }
    consumer.unsubscribe();
    return count;
  }

  /**
   * True when no committed record lies between each position and the end (markers do not count); a
   * partition without a position is read from its start.
   */
  boolean reached(Map<TopicPartition, Long> positions, Map<TopicPartition, Long> end) {
    Map<TopicPartition, Long> logStart = null;
    for (var entry : end.entrySet()) {
      Long known = positions.get(entry.getKey());
      if (known == null && logStart == null) {
        logStart = offsets(end.keySet(), OffsetSpec.earliest());
      }
      long position = known != null ? known : logStart.get(entry.getKey());
      if (position >= entry.getValue()) {
        continue;
      }
      if (entry.getValue() - position > 2) {
        return false; // more than a marker's worth: no need to look
      }
      if (scan(Map.of(entry.getKey(), position), Map.of(entry.getKey(), entry.getValue()), r -> {})
          > 0) {
        return false;
      }
    }
    return true;
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void call(Call call) {
    try {
      call.run();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  static long sum(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
    admin.close(Duration.ofSeconds(2));
  }
}
