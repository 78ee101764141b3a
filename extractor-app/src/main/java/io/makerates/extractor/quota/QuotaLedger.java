package io.makerates.extractor.quota;

import io.makerates.schema.QuotaUsage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests used per source and quota period. A request is reserved before it is sent (so a crash
 * between sending and recording can only over-count, never exceed the quota); the reservation is
 * published as a {@link QuotaUsage} in the same Kafka transaction as the attempt's bronze record,
 * and {@link #restore} reads those back at start.
 *
 * <p>One extractor instance owns a source's quota: the Deployment runs one replica (its
 * transactional id fences a second one), so the ledger does not need to coordinate across
 * processes.
 */
public final class QuotaLedger {

  private static final Logger LOG = LoggerFactory.getLogger(QuotaLedger.class);

  /** Usage of one source in one period. */
  private record Usage(String period, long used) {}

  private final Map<String, QuotaLimit> limits;
  private final Map<String, Usage> usage = new ConcurrentHashMap<>();
  private final Clock clock;

  public QuotaLedger(Map<String, QuotaLimit> limits, Clock clock, MeterRegistry metrics) {
    this.limits = Map.copyOf(limits);
    this.clock = clock;
    limits.forEach(
        (source, limit) -> {
          Gauge.builder("makerates.extractor.quota.used", () -> used(source))
              .description("Requests used in the current quota period")
              .tag("source", source)
              .register(metrics);
          Gauge.builder("makerates.extractor.quota.limit", () -> limit.limit())
              .description("Requests allowed per quota period")
              .tag("source", source)
              .tag("period", limit.period().name().toLowerCase())
              .register(metrics);
        });
  }

  /**
   * Takes in usage recorded elsewhere (earlier runs at start, a backfill beside this process
   * later): for each source, the highest count recorded for the current period wins, so taking a
   * record in twice changes nothing.
   */
  public synchronized void restore(Collection<QuotaUsage> recorded) {
    for (QuotaUsage record : recorded) {
      QuotaLimit limit = limits.get(record.getSourceId());
      if (limit == null || !limit.periodOf(clock.instant()).equals(record.getPeriod())) {
        continue;
      }
      String source = record.getSourceId();
      if (record.getUsed() > current(source, record.getPeriod())) {
        usage.put(source, new Usage(record.getPeriod(), record.getUsed()));
        LOG.info(
            "quota of {}: {} of {} used in {} (recorded by {})",
            source,
            record.getUsed(),
            limit.limit(),
            record.getPeriod(),
            "the quota topic");
      }
    }
  }

  /**
   * Reserves one request of {@code source} now.
   *
   * @return the usage to publish with the attempt's record; empty for a source without a quota
   * @throws QuotaSpentException when the quota of the current period allows no more requests
   */
  public synchronized Optional<QuotaUsage> reserve(String source) {
    QuotaLimit limit = limits.get(source);
    if (limit == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String period = limit.periodOf(now);
    long used = current(source, period);
    if (used >= limit.limit()) {
      throw new QuotaSpentException(
          "quota of " + source + " spent: " + used + " of " + limit + " used in " + period);
    }
    long after = used + 1;
    usage.put(source, new Usage(period, after));
    if (after == (long) Math.ceil(limit.limit() * limit.warnAt())) {
      LOG.warn(
          "quota of {} at {}%: {} of {} used in {}",
          source, Math.round(100.0 * after / limit.limit()), after, limit, period);
    }
    return Optional.of(
        QuotaUsage.newBuilder()
            .setSourceId(source)
            .setPeriod(period)
            .setUsed(after)
            .setLimit(limit.limit())
            .setUpdatedAt(now)
            .build());
  }

  /**
   * The provider says the quota is spent: count it used up until the period ends, whatever the
   * ledger thought.
   */
  public synchronized void exhaust(String source) {
    QuotaLimit limit = limits.get(source);
    if (limit != null) {
      String period = limit.periodOf(clock.instant());
      usage.put(source, new Usage(period, Math.max(limit.limit(), current(source, period))));
    }
  }

  /** Requests left in the current period, or empty for a source without a quota. */
  public Optional<Long> remaining(String source) {
    QuotaLimit limit = limits.get(source);
    if (limit == null) {
      return Optional.empty();
    }
    return Optional.of(
        Math.max(0, limit.limit() - current(source, limit.periodOf(clock.instant()))));
  }

  public Optional<QuotaLimit> limit(String source) {
    return Optional.ofNullable(limits.get(source));
  }

  private long used(String source) {
    QuotaLimit limit = limits.get(source);
    return limit == null ? 0 : current(source, limit.periodOf(clock.instant()));
  }

  private long current(String source, String period) {
    Usage u = usage.get(source);
    return u != null && u.period().equals(period) ? u.used() : 0;
  }
}
