package io.makerates.extractor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/** makerates_extractions_total{source,outcome} and makerates_extraction_request_duration_seconds{source}. */
public final class ExtractionMetrics {

  public static final String OK = "ok";
  public static final String CIRCUIT_OPEN = "circuit_open";
  public static final String PUBLISH_FAILED = "publish_failed";

  private final MeterRegistry registry;

  public ExtractionMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** @param outcome {@link #OK}, an error code, or {@link #CIRCUIT_OPEN} / {@link #PUBLISH_FAILED} */
  public void outcome(String source, String outcome) {
    Counter.builder("makerates.extractions")
        .description("Extraction attempts by source and outcome (ok or an error code)")
        .tag("source", source)
        .tag("outcome", outcome.toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  /** The provider refused the current key and the previous one was tried: rotation is not yet complete there. */
  public void previousKeyUsed(String source) {
    Counter.builder("makerates.extractor.previous.key.used")
        .description("Requests retried with the previous API key after the current one was refused")
        .tag("source", source)
        .register(registry)
        .increment();
  }

  /** A job handed from a source that cannot serve to the next of its failover chain. */
  public void failover(String from, String to, String reason) {
    Counter.builder("makerates.extractor.failovers")
        .description("Jobs handed over to the next source of a failover chain")
        .tag("from", from).tag("to", to).tag("reason", reason.toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  public void requestDuration(String source, long millis) {
    Timer.builder("makerates.extraction.request.duration")
        .description("Time from sending a source request to the end of its answer or failure")
        .tag("source", source)
        .register(registry)
        .record(Duration.ofMillis(millis));
  }
}
