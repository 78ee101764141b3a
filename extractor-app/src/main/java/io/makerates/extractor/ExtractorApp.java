package io.makerates.extractor;

import io.makerates.extractor.audit.BronzeRecordFactory;
import io.makerates.extractor.audit.SecretRedactor;
import io.makerates.extractor.http.HttpFetcher;
import io.makerates.extractor.publish.BronzePublisher;
import io.makerates.extractor.quota.QuotaLedger;
import io.makerates.extractor.quota.QuotaLimit;
import io.makerates.extractor.quota.QuotaRestorer;
import io.makerates.extractor.secret.KeyRing;
import io.makerates.extractor.source.RateSources;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicProvisioner;
import io.makerates.runtime.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.makerates.runtime.ops.AppRunner;
import io.makerates.runtime.ops.HealthChecks;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extractor: polls every configured source on its interval and writes each attempt, failures included, to the
 * bronze topic. Runs alone ({@link #main}) or beside the other apps in one JVM ({@link #start}).
 */
public final class ExtractorApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ExtractorApp.class);

  private final ScheduledExecutorService scheduler;
  private final HttpFetcher fetcher;
  private final BronzePublisher publisher;

  private ExtractorApp(ScheduledExecutorService scheduler, HttpFetcher fetcher, BronzePublisher publisher) {
    this.scheduler = scheduler;
    this.fetcher = fetcher;
    this.publisher = publisher;
  }

  public static void main(String[] args) {
    AppRunner.run("extractor-app", ExtractorApp::start);
  }

  /** Checks the configuration, ensures the topics, initialises the producer and schedules the sources; does not block. */
  public static AutoCloseable start(Settings settings, PrometheusMeterRegistry metrics, HealthChecks health) {
    ExtractorSettings config = ExtractorSettings.from(settings);
    settings.bootstrapServers(); // fails with a clear message before any client is made
    Properties kafka = settings.kafkaProperties();
    TopicProvisioner.ensure(kafka, TopicProvisioner.contractTopics(config.topicPartitions(), config.topicReplication()));

    AvroSerdes serdes = new AvroSerdes(config.registryUrl());
    QuotaLedger quotas = quotaLedger(config, kafka, new Topics(serdes), metrics);
    BronzePublisher publisher = new BronzePublisher(kafka, serdes, config.audit().instance(), metrics);
    health.add("kafka", publisher::health);

    HttpFetcher fetcher = new HttpFetcher(config.http());
    SecretRedactor redactor = new SecretRedactor(config.secrets());
    BronzeRecordFactory records = new BronzeRecordFactory(config.audit(), redactor);
    ExtractionMetrics extractionMetrics = new ExtractionMetrics(metrics);
    Map<String, SourceExtractor> extractors = new LinkedHashMap<>();
    for (SourceConfig source : config.sources()) {
      KeyRing keys = source.keyed() ? new KeyRing(source.apiKeyFile(), config.keyGrace(), Clock.systemUTC(), redactor::learn) : null;
      extractors.put(source.id(), new SourceExtractor(source, RateSources.create(source), fetcher, records, publisher,
          config.retry(), extractionMetrics, quotas, keys));
    }
    FailoverChain chain = new FailoverChain(extractors, extractionMetrics);

    AtomicInteger threads = new AtomicInteger();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(config.sources().size(), r -> {
      Thread t = new Thread(r, "extractor-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    List<String> scheduled = new ArrayList<>();
    for (SourceConfig source : config.sources()) {
      scheduler.scheduleAtFixedRate(() -> pollLatest(chain, source.id()), 0, source.interval().toMillis(), TimeUnit.MILLISECONDS);
      scheduled.add(source.id() + " every " + source.interval() + " from " + redactor.redact(source.baseUrl().toString())
          + (source.quota() == null ? "" : ", quota " + source.quota())
          + (source.failover().isEmpty() ? "" : ", failover " + chain.order(source.id())));
    }
    LOG.info("extractor {} started: {}", config.audit().instance(), scheduled);
    return new ExtractorApp(scheduler, fetcher, publisher);
  }

  /** The scheduled poll: the latest rates, along the failover chain. Never throws, so that the schedule keeps running. */
  static void pollLatest(FailoverChain chain, String sourceId) {
    try {
      chain.run(sourceId, extractor -> ExtractionJob.scheduled(extractor.source().latest()));
    } catch (CancellationException e) {
      LOG.info("extraction from {} cancelled: {}", sourceId, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("extraction from {} failed: {}", sourceId, e.getMessage(), e);
    }
  }

  /** The quota ledger with the usage earlier runs recorded: a restart must not grant a spent quota again. */
  static QuotaLedger quotaLedger(ExtractorSettings config, Properties kafka, Topics topics, MeterRegistry metrics) {
    Map<String, QuotaLimit> limits = new LinkedHashMap<>();
    config.sources().stream().filter(s -> s.quota() != null).forEach(s -> limits.put(s.id(), s.quota()));
    QuotaLedger ledger = new QuotaLedger(limits, Clock.systemUTC(), metrics);
    if (!limits.isEmpty()) {
      ledger.restore(QuotaRestorer.read(kafka, topics.quota, Duration.ofSeconds(60)));
    }
    return ledger;
  }

  @Override
  public void close() throws InterruptedException {
    scheduler.shutdownNow(); // interrupts a retry that is waiting out its backoff
    if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
      LOG.warn("an extraction was still running after 30 s");
    }
    fetcher.close();
    publisher.close();
  }
}
