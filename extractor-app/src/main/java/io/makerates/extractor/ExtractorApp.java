package io.makerates.extractor;

import io.makerates.runtime.config.Settings;
import io.makerates.runtime.ops.AppRunner;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.schema.BronzeExtraction;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extractor: polls every configured source on its schedule, along its failover chain, and
 * writes each attempt, failures included, to the bronze topic. Runs alone ({@link #main}) or beside
 * the other apps in one JVM ({@link #start}).
 */
public final class ExtractorApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ExtractorApp.class);

  private final ScheduledExecutorService scheduler;
  private final ExtractorRuntime runtime;

  private ExtractorApp(ScheduledExecutorService scheduler, ExtractorRuntime runtime) {
    this.scheduler = scheduler;
    this.runtime = runtime;
  }

  public static void main(String[] args) {
    AppRunner.run("extractor-app", ExtractorApp::start);
  }

  /**
   * Reads every setting the app reads at start, so that a launcher running it beside others can
   * refuse a bad value before anything starts.
   *
   * @throws io.makerates.runtime.config.ConfigException naming the variable
   */
  public static ExtractorSettings checkSettings(Settings settings) {
    ExtractorSettings config = ExtractorSettings.from(settings);
    settings.bootstrapServers(); // fails with a clear message before any client is made
    return config;
  }

  /**
   * Checks the configuration, ensures the topics, initialises the producer and schedules the
   * sources; does not block.
   */
  public static AutoCloseable start(
      Settings settings, PrometheusMeterRegistry metrics, HealthChecks health) {
    ExtractorSettings config = checkSettings(settings);
    ExtractorRuntime runtime =
        new ExtractorRuntime(
            config, settings.kafkaProperties(), metrics, config.audit().instance());
    health.add("kafka", runtime.publisher()::health);

    AtomicInteger threads = new AtomicInteger();
    ScheduledExecutorService scheduler =
        Executors.newScheduledThreadPool(
            config.sources().size(),
            r -> {
              Thread t = new Thread(r, "extractor-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    List<String> scheduled = new ArrayList<>();
    ExtractorApp app = new ExtractorApp(scheduler, runtime);
    for (SourceConfig source : config.sources()) {
      app.pollAt(source, source.schedule().first(Instant.now()));
      scheduled.add(
          source.id()
              + " "
              + source.schedule()
              + " from "
              + runtime.redactor().redact(source.baseUrl().toString())
              + (source.quota() == null ? "" : ", quota " + source.quota())
              + (source.failover().isEmpty()
                  ? ""
                  : ", failover " + runtime.chain().order(source.id())));
    }
    LOG.info("extractor {} started: {}", config.audit().instance(), scheduled);
    return app;
  }

  /** One poll at {@code at}, which schedules the next by the source's schedule. */
  private void pollAt(SourceConfig source, Instant at) {
    long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
    try {
      scheduler.schedule(
          () -> {
            boolean current = pollLatest(runtime, source.id());
            pollAt(source, source.schedule().next(Instant.now(), current));
          },
          delay,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopping: no next poll
    }
  }

  /**
   * The scheduled poll: the latest rates, along the failover chain. Never throws, so that the
   * schedule keeps running.
   *
   * @return whether an answer for the date the schedule waits for arrived (a failed poll counts as
   *     no)
   */
  static boolean pollLatest(ExtractorRuntime runtime, String sourceId) {
    try {
      runtime.syncQuotas();
      List<ExtractionResult> results =
          runtime
              .chain()
              .run(sourceId, extractor -> ExtractionJob.scheduled(extractor.source().latest()));
      ExtractionResult last = results.get(results.size() - 1);
      if (!last.succeeded() || last.records().isEmpty()) {
        // no answer, or a whole history that repeats the last one stored: nothing new yet
        return false;
      }
      BronzeExtraction answer = last.records().get(last.records().size() - 1);
      ByteBuffer body = answer.getResponse().getBody().duplicate();
      byte[] bytes = new byte[body.remaining()];
      body.get(bytes);
      SourceSchedule schedule = runtime.extractor(sourceId).config().schedule();
      return runtime
          .extractor(answer.getSourceId())
          .source()
          .answerDate(bytes)
          .map(date -> schedule.isCurrent(date, Instant.now()))
          .orElse(true);
    } catch (CancellationException e) {
      LOG.info("extraction from {} cancelled: {}", sourceId, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error(
          "extraction from {} failed: {}", sourceId, runtime.redactor().redact(e.getMessage()), e);
    }
    return false;
  }

  @Override
  public void close() throws InterruptedException {
    scheduler.shutdownNow(); // interrupts a retry that is waiting out its backoff
    if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
      LOG.warn("an extraction was still running after 30 s");
    }
    runtime.close();
  }
}
