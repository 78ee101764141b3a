package io.makerates.extractor;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.makerates.extractor.audit.BronzeRecordFactory;
import io.makerates.extractor.http.Exchange;
import io.makerates.extractor.http.HttpFetcher;
import io.makerates.extractor.http.ResponseClassifier;
import io.makerates.extractor.http.Verdict;
import io.makerates.extractor.publish.BronzeSink;
import io.makerates.extractor.source.RateSource;
import io.makerates.schema.BronzeExtraction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts from one source: each HTTP attempt goes through the source's circuit breaker, becomes its own bronze record
 * (retryAttempt 0, 1, 2...) and is published before the next attempt; resilience4j decides whether and when to retry,
 * honouring Retry-After. A record that cannot be published stops the extraction: nothing is retried unrecorded.
 */
public final class SourceExtractor {

  private static final Logger LOG = LoggerFactory.getLogger(SourceExtractor.class);

  /** One attempt and its verdict, as the retry and the circuit breaker see it. */
  record Attempt(Exchange exchange, Verdict verdict) {}

  private final SourceConfig config;
  private final RateSource source;
  private final HttpFetcher fetcher;
  private final ResponseClassifier classifier;
  private final BronzeRecordFactory records;
  private final BronzeSink sink;
  private final ExtractionMetrics metrics;
  private final Retry retry;
  private final CircuitBreaker circuitBreaker;

  public SourceExtractor(SourceConfig config, RateSource source, HttpFetcher fetcher, BronzeRecordFactory records,
      BronzeSink sink, RetrySettings retrySettings, ExtractionMetrics metrics) {
    this.config = config;
    this.source = source;
    this.fetcher = fetcher;
    this.classifier = new ResponseClassifier(retrySettings.maxBackoff());
    this.records = records;
    this.sink = sink;
    this.metrics = metrics;
    this.retry = Retry.of("source-" + config.id(), retryConfig(retrySettings));
    this.circuitBreaker = CircuitBreaker.of("source-" + config.id(), CircuitBreakerConfig.custom()
        .slidingWindowSize(10)
        .minimumNumberOfCalls(5)
        .failureRateThreshold(50)
        .waitDurationInOpenState(retrySettings.circuitOpenFor())
        .recordResult(result -> result instanceof Attempt attempt && attempt.verdict().failed())
        .build());
  }

  private static RetryConfig retryConfig(RetrySettings settings) {
    IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.5,
        settings.maxBackoff());
    IntervalBiFunction<Attempt> wait = (attempts, outcome) -> {
      if (outcome.isRight() && outcome.get().verdict().retryAfter() != null) {
        return outcome.get().verdict().retryAfter().toMillis();
      }
      return backoff.apply(attempts);
    };
    return RetryConfig.<Attempt>custom()
        .maxAttempts(settings.maxAttempts())
        .retryOnResult(attempt -> attempt.verdict().retryable())
        .retryOnException(e -> false)
        .intervalBiFunction(wait)
        .build();
  }

  /** The scheduled poll: the latest rates. Never throws, so that the schedule keeps running. */
  public void pollLatest() {
    try {
      extract(ExtractionJob.scheduled(source.latest()));
    } catch (CancellationException e) {
      LOG.info("extraction from {} cancelled: {}", config.id(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("extraction from {} failed: {}", config.id(), e.getMessage(), e);
    }
  }

  /**
   * Runs one job with its retries.
   *
   * @return the record of every attempt, in order; empty when the circuit breaker refused the call
   */
  public List<BronzeExtraction> extract(ExtractionJob job) {
    List<BronzeExtraction> written = new ArrayList<>();
    try {
      retry.executeSupplier(() -> attempt(job, written));
    } catch (CallNotPermittedException e) {
      metrics.outcome(config.id(), ExtractionMetrics.CIRCUIT_OPEN);
      LOG.warn("source {} skipped: its circuit breaker is {}", config.id(), circuitBreaker.getState());
    }
    return written;
  }

  public CircuitBreaker.State circuitState() {
    return circuitBreaker.getState();
  }

  private Attempt attempt(ExtractionJob job, List<BronzeExtraction> written) {
    Attempt attempt = circuitBreaker.executeSupplier(() -> {
      Exchange exchange = fetcher.fetch(job.request());
      return new Attempt(exchange, classifier.classify(exchange, source));
    });
    BronzeExtraction record = records.create(config, source.type(), job, attempt.exchange(), attempt.verdict(),
        written.size());
    try {
      sink.publish(record);
    } catch (RuntimeException e) {
      metrics.outcome(config.id(), ExtractionMetrics.PUBLISH_FAILED);
      throw e;
    }
    written.add(record);
    String outcome = attempt.verdict().failed() ? attempt.verdict().errorCode().name() : ExtractionMetrics.OK;
    metrics.outcome(config.id(), outcome);
    metrics.requestDuration(config.id(), attempt.exchange().durationMillis());
    LOG.info("extraction {} from {} attempt {}: {} {} in {} ms{}", record.getExtractionId(), config.id(),
        record.getRetryAttempt(), record.getRequest().getUrl(),
        record.getResponse() == null ? "no answer" : "HTTP " + record.getResponse().getStatus(),
        record.getDurationMillis(), record.getErrorCode() == null ? "" : " " + record.getErrorCode() + ": " + record.getErrorMessage());
    return attempt;
  }
}
