package io.makerates.extractor;

import io.makerates.extractor.audit.BronzeRecordFactory;
import io.makerates.extractor.audit.SecretRedactor;
import io.makerates.extractor.http.HttpFetcher;
import io.makerates.extractor.publish.BronzePublisher;
import io.makerates.extractor.source.RateSources;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicProvisioner;
import io.makerates.runtime.ops.AppRunner;
import io.makerates.runtime.ops.HealthChecks;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
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

    BronzePublisher publisher = new BronzePublisher(kafka, new AvroSerdes(config.registryUrl()), config.audit().instance(),
        metrics);
    health.add("kafka", publisher::health);

    HttpFetcher fetcher = new HttpFetcher(config.http());
    BronzeRecordFactory records = new BronzeRecordFactory(config.audit(), new SecretRedactor(config.secrets()));
    ExtractionMetrics extractionMetrics = new ExtractionMetrics(metrics);
    AtomicInteger threads = new AtomicInteger();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(config.sources().size(), r -> {
      Thread t = new Thread(r, "extractor-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    List<String> scheduled = new ArrayList<>();
    for (SourceConfig source : config.sources()) {
      SourceExtractor extractor = new SourceExtractor(source, RateSources.create(source), fetcher, records, publisher,
          config.retry(), extractionMetrics);
      scheduler.scheduleAtFixedRate(extractor::pollLatest, 0, source.interval().toMillis(), TimeUnit.MILLISECONDS);
      scheduled.add(source.id() + " every " + source.interval() + " from " + source.baseUrl());
    }
    LOG.info("extractor {} started: {}", config.audit().instance(), scheduled);
    return new ExtractorApp(scheduler, fetcher, publisher);
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
