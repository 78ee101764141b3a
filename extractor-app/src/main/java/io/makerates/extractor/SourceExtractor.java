package io.makerates.extractor;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.makerates.extractor.ExtractionResult.Outcome;
import io.makerates.extractor.audit.BronzeRecordFactory;
import io.makerates.extractor.http.ErrorCode;
import io.makerates.extractor.http.Exchange;
import io.makerates.extractor.http.HttpFetcher;
import io.makerates.extractor.http.ResponseClassifier;
import io.makerates.extractor.http.Verdict;
import io.makerates.extractor.publish.BronzeSink;
import io.makerates.extractor.quota.QuotaLedger;
import io.makerates.extractor.quota.QuotaSpentException;
import io.makerates.extractor.secret.KeyRing;
import io.makerates.runtime.trace.ExtractionTrace;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.QuotaUsage;
import io.makerates.sources.RateSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts from one source. Each HTTP attempt waits for the source's rate limiter, reserves one
 * request of its quota, goes through its circuit breaker, becomes its own bronze record
 * (retryAttempt 0, 1, 2...) and is published, with the quota usage, before the next attempt;
 * resilience4j decides whether and when to retry, honouring Retry-After. A key the provider refuses
 * is tried once more with the previous key while that one's grace period lasts. A record that
 * cannot be published stops the extraction: nothing is retried unrecorded.
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
  private final QuotaLedger quotas;
  private final KeyRing keys;
  private final Retry retry;
  private final CircuitBreaker circuitBreaker;
  private final RateLimiter rateLimiter;
  private final java.util.concurrent.atomic.AtomicLong lastAttempt =
      new java.util.concurrent.atomic.AtomicLong();
  private final UnchangedAnswers unchanged;

  /**
   * @param quotas the ledger that holds this source's quota (a source without one is not limited by
   *     it)
   * @param keys the source's API key, or null for a source without one
   */
  public SourceExtractor(
      SourceConfig config,
      RateSource source,
      HttpFetcher fetcher,
      BronzeRecordFactory records,
      BronzeSink sink,
      RetrySettings retrySettings,
      ExtractionMetrics metrics,
      QuotaLedger quotas,
      KeyRing keys) {
    this.config = config;
    this.source = source;
    this.unchanged = new UnchangedAnswers(source);
    this.fetcher = fetcher;
    this.classifier = new ResponseClassifier(retrySettings.maxBackoff());
    this.records = records;
    this.sink = sink;
    this.metrics = metrics;
    this.quotas = quotas;
    this.keys = keys;
    this.retry = Retry.of("source-" + config.id(), retryConfig(retrySettings));
    this.circuitBreaker =
        CircuitBreaker.of(
            "source-" + config.id(),
            CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(retrySettings.circuitOpenFor())
                .recordResult(
                    result ->
                        result instanceof Attempt attempt
                            && attempt.verdict().failed()
                            && attempt.verdict().errorCode().retryable())
                .build());
    metrics.register(config.id(), circuitBreaker::getState, lastAttempt, config.quota() != null);
    RateLimit limit = config.rateLimit();
    this.rateLimiter =
        RateLimiter.of(
            "source-" + config.id(),
            RateLimiterConfig.custom()
                .limitForPeriod(limit.permits())
                .limitRefreshPeriod(limit.period())
                .timeoutDuration(limit.maxWait())
                .build());
  }

  private static RetryConfig retryConfig(RetrySettings settings) {
    IntervalFunction backoff =
        IntervalFunction.ofExponentialRandomBackoff(
            settings.initialBackoff(), 2.0, 0.5, settings.maxBackoff());
    IntervalBiFunction<Attempt> wait =
        (attempts, outcome) -> {
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
        .failAfterMaxAttempts(false)
        .build();
  }

  public SourceConfig config() {
    return config;
  }

  public RateSource source() {
    return source;
  }

  /**
   * Runs one job with its retries; never throws for what the source does, only when a record cannot
   * be stored.
   */
  public ExtractionResult extract(ExtractionJob job) {
    List<BronzeExtraction> written = new ArrayList<>();
    try {
      Attempt last = retry.executeSupplier(() -> attempt(job, written));
      return new ExtractionResult(written, outcomeOf(last.verdict()), last.verdict().message());
    } catch (CallNotPermittedException e) {
      return refused(written, Outcome.CIRCUIT_OPEN, "circuit breaker " + circuitBreaker.getState());
    } catch (QuotaSpentException e) {
      return refused(written, Outcome.QUOTA_SPENT, e.getMessage());
    } catch (RequestNotPermitted e) {
      return refused(
          written,
          Outcome.RATE_LIMITED,
          "no rate limit permit within " + config.rateLimit().maxWait());
    }
  }

  public CircuitBreaker.State circuitState() {
    return circuitBreaker.getState();
  }

  private ExtractionResult refused(List<BronzeExtraction> written, Outcome outcome, String why) {
    metrics.outcome(config.id(), outcome.name());
    LOG.warn("source {} not called: {}", config.id(), why);
    return new ExtractionResult(written, outcome, why);
  }

  private static Outcome outcomeOf(Verdict verdict) {
    if (!verdict.failed()) {
      return Outcome.SUCCEEDED;
    }
    return switch (verdict.errorCode()) {
      case QUOTA_EXHAUSTED -> Outcome.QUOTA_SPENT;
      case KEY_REJECTED -> Outcome.KEY_REJECTED;
      default -> Outcome.FAILED;
    };
  }

  private Attempt attempt(ExtractionJob job, List<BronzeExtraction> written) {
    String key = keys == null ? null : keys.current();
    Attempt attempt = send(job, written, key);
    if (attempt.verdict().errorCode() == ErrorCode.KEY_REJECTED && keys != null) {
      String previous = keys.previous().filter(p -> !p.equals(key)).orElse(null);
      if (previous != null) {
        LOG.warn(
            "source {} refused its current key; trying the previous one, still in its grace period",
            config.id());
        metrics.previousKeyUsed(config.id());
        attempt = send(job, written, previous);
      }
    }
    if (attempt.verdict().errorCode() == ErrorCode.QUOTA_EXHAUSTED) {
      quotas.exhaust(config.id()); // the provider counts too: believe it until the period ends
    }
    return attempt;
  }

  private Attempt send(ExtractionJob job, List<BronzeExtraction> written, String key) {
    UUID extractionId = UUID.randomUUID();
    try (ExtractionTrace.Scope logging = ExtractionTrace.logging(extractionId)) {
      return send(job, written, key, extractionId);
    }
  }

  private Attempt send(
      ExtractionJob job, List<BronzeExtraction> written, String key, UUID extractionId) {
    RateLimiter.waitForPermission(rateLimiter);
    QuotaUsage usage = quotas.reserve(config.id()).orElse(null);
    Attempt attempt =
        circuitBreaker.executeSupplier(
            () -> {
              Exchange exchange = fetcher.fetch(job.request(), key);
              return new Attempt(exchange, classifier.classify(exchange, source));
            });
    boolean failed = attempt.verdict().failed();
    if (unchanged.repeats(job, attempt.exchange(), failed)) {
      lastAttempt.set(attempt.exchange().sentAt().toEpochMilli());
      metrics.outcome(config.id(), ExtractionMetrics.UNCHANGED);
      LOG.info(
          "extraction from {}: the same whole history as the last answer stored ({} bytes):"
              + " not stored again",
          config.id(),
          attempt.exchange().response().body().length);
      return attempt;
    }
    BronzeExtraction record =
        records.create(
            extractionId,
            config,
            source.type(),
            job,
            attempt.exchange(),
            attempt.verdict(),
            written.size());
    lastAttempt.set(record.getExtractedAt().toEpochMilli());
    try {
      sink.publish(record, usage);
    } catch (RuntimeException e) {
      metrics.outcome(config.id(), ExtractionMetrics.PUBLISH_FAILED);
      throw e;
    }
    written.add(record);
    unchanged.published(job, attempt.exchange(), failed);
    String outcome =
        attempt.verdict().failed() ? attempt.verdict().errorCode().name() : ExtractionMetrics.OK;
    metrics.outcome(config.id(), outcome);
    metrics.requestDuration(config.id(), attempt.exchange().durationMillis());
    LOG.info(
        "extraction {} from {} attempt {}: {} {} in {} ms{}",
        record.getExtractionId(),
        config.id(),
        record.getRetryAttempt(),
        record.getRequest().getUrl(),
        record.getResponse() == null ? "no answer" : "HTTP " + record.getResponse().getStatus(),
        record.getDurationMillis(),
        record.getErrorCode() == null
            ? ""
            : " " + record.getErrorCode() + ": " + record.getErrorMessage());
    return attempt;
  }
}
