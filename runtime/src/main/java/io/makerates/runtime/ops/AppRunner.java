package io.makerates.runtime.ops;

import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Runs one app as a process: reads its settings from the environment, serves health and metrics,
 * and closes the app cleanly on SIGTERM. A bad configuration stops the process at once with exit
 * code 2 and a clear message.
 */
public final class AppRunner {

  /** Builds and starts an app from its settings, metrics registry and health checks. */
  @FunctionalInterface
  public interface AppFactory {
    AutoCloseable start(Settings settings, PrometheusMeterRegistry metrics, HealthChecks health)
        throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(AppRunner.class);

  private AppRunner() {}

  public static void run(String appName, AppFactory factory) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    Settings settings = Settings.fromEnvironment();
    PrometheusMeterRegistry metrics = Observability.registry(appName);
    HealthChecks health = new HealthChecks();
    CountDownLatch stopped = new CountDownLatch(1);
    try (OpsServer ops =
        new OpsServer(
            settings.string("http.host", "0.0.0.0"),
            settings.integer("http.port", 8080, 0, 65535),
            health,
            metrics)) {
      LOG.info(
          "{} {} starting; health and metrics on port {}",
          appName,
          BuildInfo.version(),
          ops.port());
      AutoCloseable app = factory.start(settings, metrics, health);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    LOG.info("{} stopping", appName);
                    try {
                      app.close();
                    } catch (Exception e) {
                      LOG.warn("{} did not close cleanly", appName, e);
                    }
                    stopped.countDown();
                  },
                  appName + "-shutdown"));
      stopped.await();
    } catch (ConfigException e) {
      LOG.error("configuration error: {}", e.getMessage());
      System.err.println(appName + ": configuration error: " + e.getMessage());
      System.exit(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.error("{} failed to start", appName, e);
      System.exit(1);
    }
  }
}
