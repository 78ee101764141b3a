package io.makerates.sink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs the work of one poll batch as several lanes side by side, each lane holding whole
 * partitions: the sink gives every lane its own transaction on its own connection, so each
 * partition's rows and its next offset still commit together (exactly-once per partition) while
 * PostgreSQL, where nearly all of the sink's time goes, works on several backends at once. Keys
 * never span partitions, so lanes touch disjoint fact rows; they meet only on the dimension rows
 * and latest_rate, which every statement visits in key order, so they may queue there but never
 * deadlock.
 */
final class PartitionLanes implements AutoCloseable {

  /** The work of one lane: record checks, rejections and one transaction for these partitions. */
  @FunctionalInterface
  interface Lane {
    void run(int lane, List<TopicPartition> partitions) throws Exception;
  }

  private final int lanes;
  private final ExecutorService helpers;

  PartitionLanes(int lanes) {
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes must be at least 1, not " + lanes);
    }
    this.lanes = lanes;
    AtomicInteger n = new AtomicInteger();
    // the calling thread runs one lane itself, so lanes - 1 helpers suffice
    this.helpers =
        lanes == 1
            ? null
            : Executors.newFixedThreadPool(
                lanes - 1,
                task -> {
                  Thread t = new Thread(task, "silver-rate-lane-" + n.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                });
  }

  int lanes() {
    return lanes;
  }

  /**
   * Spreads the partitions over the lanes by their record counts and runs the lanes at once,
   * waiting for all.
   *
   * @return the partitions whose lane failed, each with the reason; empty when every lane succeeded
   */
  Map<TopicPartition, Exception> run(Map<TopicPartition, Integer> records, Lane work)
      throws InterruptedException {
    List<List<TopicPartition>> assigned = assign(records);
    Map<TopicPartition, Exception> failed = new HashMap<>();
    List<Future<?>> running = new ArrayList<>();
    for (int i = 1; i < assigned.size(); i++) {
      int lane = i;
      running.add(
          helpers.submit(
              () -> {
                work.run(lane, assigned.get(lane));
                return null;
              }));
    }
    try {
      work.run(0, assigned.getFirst());
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      assigned.getFirst().forEach(tp -> failed.put(tp, e));
    }
    for (int i = 0; i < running.size(); i++) {
      try {
        running.get(i).get();
      } catch (ExecutionException e) {
        Exception cause = e.getCause() instanceof Exception c ? c : e;
        assigned.get(i + 1).forEach(tp -> failed.put(tp, cause));
      }
    }
    return failed;
  }

  /**
   * Partitions spread over at most {@code lanes} lanes, largest first onto the lightest lane; never
   * an empty lane.
   */
  List<List<TopicPartition>> assign(Map<TopicPartition, Integer> records) {
    List<TopicPartition> bySize = new ArrayList<>(records.keySet());
    bySize.sort(
        Comparator.comparingInt((TopicPartition tp) -> records.get(tp))
            .reversed()
            .thenComparing(TopicPartition::toString));
    int count = Math.max(1, Math.min(lanes, bySize.size()));
    List<List<TopicPartition>> assigned = new ArrayList<>();
    long[] load = new long[count];
    for (int i = 0; i < count; i++) {
      assigned.add(new ArrayList<>());
    }
    for (TopicPartition tp : bySize) {
      int lightest = 0;
      for (int i = 1; i < count; i++) {
        if (load[i] < load[lightest]) {
          lightest = i;
        }
      }
      assigned.get(lightest).add(tp);
      load[lightest] += 1 + records.get(tp);
    }
    return assigned;
  }

  @Override
  public void close() {
    if (helpers != null) {
      helpers.shutdown();
    }
  }
}
