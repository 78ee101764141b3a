package io.makerates.launcher;

import io.makerates.api.ApiApp;
import io.makerates.extractor.ExtractorApp;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.runtime.ops.Observability;
import io.makerates.runtime.ops.OpsServer;
import io.makerates.sink.SinkApp;
import io.makerates.stack.EmbeddedStack;
import io.makerates.streams.StreamsApp;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four apps in one JVM against an embedded stack, each configured exactly as its Deployment
 * would be: through environment variables (here a map), with its own health and metrics port.
 */
public final class LocalPipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);

  /** One running app with its health checks and the port serving them. */
  public record RunningApp(String name, AutoCloseable app, HealthChecks health, OpsServer ops) {}

  private final List<RunningApp> apps = new ArrayList<>();
  private final Settings settings;

  private LocalPipeline(Settings settings) {
    this.settings = settings;
  }

  /**
   * The settings the three apps were started with; {@link Settings#unread} tells what none of them
   * read.
   */
  public Settings settings() {
    return settings;
  }

  /**
   * Starts sink, streams and extractor (in that order, so nothing the extractor publishes waits on
   * a consumer that is not there yet). {@code extra} adds or overrides variables for all three
   * apps.
   */
  public static LocalPipeline start(EmbeddedStack stack, Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>(stack.env());
    env.put("MAKERATES_STATE_DIR", stack.directory().resolve("streams-state").toString());
    env.put("MAKERATES_API_PORT", Integer.toString(apiPort()));
    env.putAll(extra);
    return start(env);
  }

  /**
   * Starts the three apps in this process against the services {@code env} names (Kafka, registry,
   * PostgreSQL), as their own processes would read it: containers, a cluster, or the embedded
   * stack.
   */
  public static LocalPipeline start(Map<String, String> env) {
    // every app's settings first: a bad one stops nothing half-started
    Settings settings = checkSettings(env);
    LocalPipeline pipeline = new LocalPipeline(settings);
    try {
      pipeline.launch("sink-app", settings, SinkApp::start);
      // after the sink, which provisions the gold topic the API reads
      pipeline.launch("api-app", settings, ApiApp::start);
      pipeline.launch("streams-app", settings, StreamsApp::start);
      pipeline.launch("extractor-app", settings, ExtractorApp::start);
    } catch (RuntimeException e) {
      pipeline.close();
      throw e;
    }
    return pipeline;
  }

  /**
   * Reads from {@code env} every setting the three apps and their ports read at start, as {@link
   * #start(Map)} would, so that a bad value is refused before anything starts; the settings
   * returned know which variables were read ({@link Settings#unread}).
   *
   * @throws io.makerates.runtime.config.ConfigException naming the variable
   */
  public static Settings checkSettings(Map<String, String> env) {
    Settings settings = new Settings(env);
    SinkApp.checkSettings(settings);
    opsPort(settings, "sink-app");
    StreamsApp.checkSettings(settings);
    opsPort(settings, "streams-app");
    ExtractorApp.checkSettings(settings);
    opsPort(settings, "extractor-app");
    ApiApp.checkSettings(settings);
    opsPort(settings, "api-app");
    return settings;
  }

  /** The API's usual port when it is free, so that a client's URL stays put; else any free one. */
  private static int apiPort() {
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress("0.0.0.0", ApiApp.DEFAULT_PORT));
      return ApiApp.DEFAULT_PORT;
    } catch (java.io.IOException taken) {
      return 0;
    }
  }

  /** {@code MAKERATES_SINK_HTTP_PORT} and so on; any free port by default. */
  private static int opsPort(Settings settings, String app) {
    return settings.integer(app.replace("-app", "") + ".http.port", 0, 0, 65535);
  }

  private interface Starter {
    AutoCloseable start(Settings settings, PrometheusMeterRegistry metrics, HealthChecks health)
        throws Exception;
  }

  private void launch(String name, Settings settings, Starter starter) {
    PrometheusMeterRegistry metrics = Observability.registry(name);
    HealthChecks health = new HealthChecks();
    OpsServer ops = new OpsServer("127.0.0.1", opsPort(settings, name), health, metrics);
    try {
      AutoCloseable app = starter.start(settings, metrics, health);
      apps.add(new RunningApp(name, app, health, ops));
      LOG.info(
          "{} started; health and metrics on http://127.0.0.1:{}/health/ready", name, ops.port());
    } catch (RuntimeException e) {
      ops.close();
      throw e;
    } catch (Exception e) {
      ops.close();
      throw new IllegalStateException(name + " did not start: " + e.getMessage(), e);
    }
  }

  /** Where each app serves its health and metrics: app name → http://127.0.0.1:port. */
  public Map<String, String> opsUrls() {
    Map<String, String> urls = new LinkedHashMap<>();
    apps.forEach(a -> urls.put(a.name(), "http://127.0.0.1:" + a.ops().port()));
    return urls;
  }

  /** Where the rates API answers (Frankfurter's dialect), empty when it does not run. */
  public java.util.Optional<String> apiUrl() {
    return apps.stream()
        .map(RunningApp::app)
        .filter(ApiApp.Started.class::isInstance)
        .map(a -> "http://127.0.0.1:" + ((ApiApp.Started) a).port())
        .findFirst();
  }

  public List<RunningApp> apps() {
    return Collections.unmodifiableList(apps);
  }

  /** True when every app reports ready. */
  public boolean ready() {
    return !apps.isEmpty() && apps.stream().allMatch(a -> a.health().ready());
  }

  /** Stops the apps in the reverse order of their start. */
  @Override
  public void close() {
    for (int i = apps.size() - 1; i >= 0; i--) {
      RunningApp running = apps.get(i);
      try {
        running.app().close();
      } catch (Exception e) {
        LOG.warn("{} did not stop cleanly", running.name(), e);
      }
      running.ops().close();
    }
    apps.clear();
  }
}
