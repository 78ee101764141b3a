package io.makerates.extractor;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.makerates.sources.Coverage;
import io.makerates.sources.SourceTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * makerates_extractions_total{source,outcome},
 * makerates_extraction_request_duration_seconds{source}, makerates_extractor_breaker_state{source},
 * makerates_extractor_last_extraction_seconds{source},
 * makerates_extractor_previous_key_used_total{source},
 * makerates_extractor_failovers_total{from,to,reason} and, for a source without a quota, its quota
 * gauges at zero.
 */
public final class ExtractionMetrics {

  public static final String OK = "ok";

  /** A whole-history answer that repeats the last one stored: fetched, not stored again. */
  public static final String UNCHANGED = "unchanged";

  public static final String CIRCUIT_OPEN = "circuit_open";
  public static final String PUBLISH_FAILED = "publish_failed";

  /** The {@code period} of the quota gauges of a source without a quota. */
  public static final String NO_QUOTA = "none";

  /** The {@code to} of a failover that found no source left to take the job. */
  public static final String NO_SOURCE_LEFT = "none";

  private final MeterRegistry registry;

  public ExtractionMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Registers a configured source's meters before its first extraction: its successful-extraction
   * counter and request timer at zero, its breaker state, the time of its last attempt, its
   * previous-key counter, and for a source without a quota its quota gauges at zero (limit 0,
   * period {@code none}; a source with a quota has the ledger's), so that a dashboard and the alert
   * rules see every source from the start, and "no data" means the app is down. {@code
   * makerates_extractor_breaker_state}: 0 closed, 1 open, 2 half-open.
   */
  public void register(
      String source,
      Supplier<CircuitBreaker.State> breaker,
      AtomicLong lastAttemptEpochMillis,
      boolean hasQuota) {
    Counter.builder("makerates.extractions")
        .description("Extraction attempts by source and outcome (ok or an error code)")
        .tag("source", source)
        .tag("outcome", OK)
        .register(registry);
    Timer.builder("makerates.extraction.request.duration")
        .description("Time from sending a source request to the end of its answer or failure")
        .tag("source", source)
        .register(registry);
    Gauge.builder("makerates.extractor.breaker.state", breaker, b -> breakerValue(b.get()))
        .description("The source's circuit breaker: 0 closed, 1 open, 2 half-open")
        .tag("source", source)
        .register(registry);
    Gauge.builder(
            "makerates.extractor.last.extraction",
            lastAttemptEpochMillis,
            t -> t.get() == 0 ? Double.NaN : t.get() / 1000.0)
        .description("When the source was last called (epoch seconds); NaN before the first call")
        .baseUnit("seconds")
        .tag("source", source)
        .register(registry);
    previousKeyCounter(source);
    if (!hasQuota) {
      // the same names as the ledger's gauges: a limit of 0 is "no quota", which the quota alert
      // and panel leave out (they divide by limits above 0)
      Gauge.builder("makerates.extractor.quota.used", () -> 0)
          .description("Requests used in the current quota period")
          .tag("source", source)
          .register(registry);
      Gauge.builder("makerates.extractor.quota.limit", () -> 0)
          .description("Requests allowed per quota period")
          .tag("source", source)
          .tag("period", NO_QUOTA)
          .register(registry);
    }
  }

  static double breakerValue(CircuitBreaker.State state) {
    return switch (state) {
      case OPEN, FORCED_OPEN -> 1;
      case HALF_OPEN -> 2;
      default -> 0;
    };
  }

  /**
   * @param outcome {@link #OK}, an error code, or {@link #CIRCUIT_OPEN} / {@link #PUBLISH_FAILED}
   */
  public void outcome(String source, String outcome) {
    Counter.builder("makerates.extractions")
        .description("Extraction attempts by source and outcome (ok or an error code)")
        .tag("source", source)
        .tag("outcome", outcome.toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  /**
   * The provider refused the current key and the previous one was tried: rotation is not yet
   * complete there.
   */
  public void previousKeyUsed(String source) {
    previousKeyCounter(source).increment();
  }

  private Counter previousKeyCounter(String source) {
    return Counter.builder("makerates.extractor.previous.key.used")
        .description("Requests retried with the previous API key after the current one was refused")
        .tag("source", source)
        .register(registry);
  }

  /**
   * A job handed from a source that cannot serve to the next of its failover chain, or to {@link
   * #NO_SOURCE_LEFT} when the chain has no source left to take it.
   */
  public void failover(String from, String to, String reason) {
    registerFailover(from, to, reason).increment();
  }

  Counter registerFailover(String from, String to, String reason) {
    return Counter.builder("makerates.extractor.failovers")
        .description("Jobs handed over to the next source of a failover chain")
        .tag("from", from)
        .tag("to", to)
        .tag("reason", reason.toLowerCase(Locale.ROOT))
        .register(registry);
  }

  public void requestDuration(String source, long millis) {
    Timer.builder("makerates.extraction.request.duration")
        .description("Time from sending a source request to the end of its answer or failure")
        .tag("source", source)
        .register(registry)
        .record(Duration.ofMillis(millis));
  }

  /**
   * What the configured sources cover, the numbers {@code bin/makerates sources} prints: official
   * independence groups, and currencies with at least two and three independent official voices. A
   * source under its type's id is in its type's group; under another id, in a group of its own.
   */
  public void coverage(List<SourceConfig> sources) {
    Coverage coverage =
        Coverage.of(
            sources.stream().map(s -> new Coverage.Source(s.id(), s.type())).toList(),
            id -> SourceTypes.defaultGroups().getOrDefault(id, id));
    Gauge.builder("makerates.sources.official.groups", coverage, c -> c.groups().size())
        .description("independence groups of official sources configured")
        .register(registry);
    for (int voices : new int[] {2, 3}) {
      Gauge.builder("makerates.coverage.currencies", coverage, c -> c.currenciesWithAtLeast(voices))
          .description("currencies with at least min_voices independent official voices")
          .tag("min_voices", String.valueOf(voices))
          .register(registry);
    }
  }
}
