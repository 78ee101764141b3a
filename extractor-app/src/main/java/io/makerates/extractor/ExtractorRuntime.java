package io.makerates.extractor;

import io.makerates.extractor.audit.BronzeRecordFactory;
import io.makerates.extractor.audit.SecretRedactor;
import io.makerates.extractor.http.HttpFetcher;
import io.makerates.extractor.publish.BronzePublisher;
import io.makerates.extractor.quota.QuotaFeed;
import io.makerates.extractor.quota.QuotaLedger;
import io.makerates.extractor.quota.QuotaLimit;
import io.makerates.extractor.secret.KeyRing;
import io.makerates.extractor.source.RateSources;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicProvisioner;
import io.makerates.runtime.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Everything an extraction needs, wired once: the bronze producer, the quota ledger kept in step
 * with the quota topic, the fetcher, the redactor that knows every key, and one {@link
 * SourceExtractor} per source with its failover chain. The scheduled service and a backfill run
 * build the same thing.
 */
public final class ExtractorRuntime implements AutoCloseable {

  private final ExtractorSettings config;
  private final QuotaFeed quotaFeed;
  private final QuotaLedger ledger;
  private final BronzePublisher publisher;
  private final HttpFetcher fetcher;
  private final SecretRedactor redactor;
  private final Map<String, SourceExtractor> extractors;
  private final FailoverChain chain;

  /**
   * @param producerName names this process's transactional producer: the service and a backfill run
   *     beside it must differ, or one would fence the other
   */
  public ExtractorRuntime(
      ExtractorSettings config, Properties kafka, MeterRegistry metrics, String producerName) {
    this.config = config;
    TopicProvisioner.ensure(
        kafka,
        TopicProvisioner.contractTopics(config.topicPartitions(), config.topicReplication()));
    AvroSerdes serdes = new AvroSerdes(config.registryUrl());
    Map<String, QuotaLimit> limits = new LinkedHashMap<>();
    config.sources().stream()
        .filter(s -> s.quota() != null)
        .forEach(s -> limits.put(s.id(), s.quota()));
    this.ledger = new QuotaLedger(limits, Clock.systemUTC(), metrics);
    this.quotaFeed =
        limits.isEmpty()
            ? null
            : new QuotaFeed(kafka, new Topics(serdes).quota, Duration.ofSeconds(60));
    syncQuotas();
    this.publisher = new BronzePublisher(kafka, serdes, producerName, metrics);
    this.fetcher = new HttpFetcher(config.http());
    this.redactor = new SecretRedactor(config.secrets());
    BronzeRecordFactory records = new BronzeRecordFactory(config.audit(), redactor);
    ExtractionMetrics extractionMetrics = new ExtractionMetrics(metrics);
    extractionMetrics.coverage(config.sources());
    this.extractors = new LinkedHashMap<>();
    for (SourceConfig source : config.sources()) {
      KeyRing keys =
          source.keyed()
              ? new KeyRing(
                  source.apiKeyFile(), config.keyGrace(), Clock.systemUTC(), redactor::learn)
              : null;
      extractors.put(
          source.id(),
          new SourceExtractor(
              source,
              RateSources.create(source),
              fetcher,
              records,
              publisher,
              config.retry(),
              extractionMetrics,
              ledger,
              keys));
    }
    this.chain = new FailoverChain(extractors, extractionMetrics);
  }

  /** Takes in the quota usage recorded since the last call (by this process or another one). */
  public void syncQuotas() {
    if (quotaFeed != null) {
      ledger.restore(quotaFeed.catchUp());
    }
  }

  public ExtractorSettings config() {
    return config;
  }

  public QuotaLedger ledger() {
    return ledger;
  }

  public BronzePublisher publisher() {
    return publisher;
  }

  public SecretRedactor redactor() {
    return redactor;
  }

  public FailoverChain chain() {
    return chain;
  }

  /**
   * @throws IllegalArgumentException for a source id that is not configured
   */
  public SourceExtractor extractor(String sourceId) {
    SourceExtractor extractor = extractors.get(sourceId);
    if (extractor == null) {
      throw new IllegalArgumentException(
          "no source '" + sourceId + "' is configured; configured: " + extractors.keySet());
    }
    return extractor;
  }

  @Override
  public void close() {
    fetcher.close();
    publisher.close();
    if (quotaFeed != null) {
      quotaFeed.close();
    }
  }
}
