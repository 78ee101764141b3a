package io.makerates.streams.replay;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The replay's line while the sink stores what it published: how many of those silver records are
 * stored, and only once nothing has been stored for {@link #STALLED} that sink-app may not be
 * running. A sink catching up moves every few seconds; a line asking whether it runs at every tick
 * would read like a fault while all is well.
 */
final class SinkProgress {

  /** Nothing stored for this long: say that sink-app may not be running. */
  static final Duration STALLED = Duration.ofSeconds(30);

  private final long records;
  private final Map<TopicPartition, Long> start;
  private final Map<TopicPartition, Long> end;
  private long lastStored = -1;
  private long movedAt;

  /**
   * @param records the silver records the replay published, between {@code start} and {@code end}
   */
  SinkProgress(long records, Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {
    this.records = records;
    this.start = Map.copyOf(start);
    this.end = Map.copyOf(end);
  }

  /**
   * The records stored, from how far the sink's offsets are between start and end: offsets also
   * count a transaction marker per commit, a few in hundreds of thousands of records, so the share
   * of offsets is the share of records.
   */
  long stored(Map<TopicPartition, Long> storedOffsets) {
    long span = 0;
    long done = 0;
    for (var e : end.entrySet()) {
      long first = start.getOrDefault(e.getKey(), 0L);
      long last = e.getValue();
      long at = storedOffsets.getOrDefault(e.getKey(), first);
      span += Math.max(0, last - first);
      done += Math.max(0, Math.min(at, last) - first);
    }
    return span == 0 ? records : Math.round((double) done / span * records);
  }

  /** The progress line for these stored offsets, seen at {@code nanoTime}. */
  String line(Map<TopicPartition, Long> storedOffsets, long nanoTime) {
    long stored = stored(storedOffsets);
    if (stored != lastStored) {
      lastStored = stored;
      movedAt = nanoTime;
    }
    String line =
        String.format(
            "sink: stored %,d of %,d silver records (%.0f %%)",
            stored, records, records == 0 ? 100.0 : 100.0 * stored / records);
    Duration still = Duration.ofNanos(nanoTime - movedAt);
    if (still.compareTo(STALLED) >= 0) {
      line += String.format("; nothing stored for %d s: is sink-app running?", still.toSeconds());
    }
    return line;
  }
}
