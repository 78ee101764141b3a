package io.makerates.runtime.ops;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler for Micrometer's Kafka binders, refreshing faster than their fixed one minute: a
 * binder exports only the client metrics that existed at its last scan, and a Kafka Streams app
 * creates most of its metrics (its tasks', its processors' own sensors) only once its tasks are
 * assigned, so with the default a fresh app's pipeline metrics were missing from /metrics for up to
 * a minute. The binder asks for its fixed rate; this scheduler runs it at {@code refresh} instead.
 * A rescan compares metric names only, so a short period costs little.
 */
public final class KafkaMetricsRefresh extends ScheduledThreadPoolExecutor {

  private final long refreshMillis;

  public KafkaMetricsRefresh(Duration refresh) {
    super(
        1,
        runnable -> {
          Thread thread = new Thread(runnable, "kafka-metrics-refresh");
          thread.setDaemon(true);
          return thread;
        });
    this.refreshMillis = refresh.toMillis();
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    long asked = unit.toMillis(period);
    return super.scheduleAtFixedRate(
        command,
        Math.min(unit.toMillis(initialDelay), refreshMillis),
        Math.min(asked, refreshMillis),
        TimeUnit.MILLISECONDS);
  }
}
