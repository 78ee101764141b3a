package io.makerates.launcher;

import io.makerates.launcher.status.StageTally;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.Topics;
import io.makerates.stack.EmbeddedStack;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the whole pipeline on this machine: embedded broker, registry and PostgreSQL keeping their
 * data in one folder, then the three apps.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description =
        "Run the whole pipeline locally on an embedded stack until Ctrl-C; its data stays in the data folder.")
final class UpCommand implements java.util.concurrent.Callable<Integer> {

  @Option(
      names = "--offline",
      description =
          "Serve sample source answers from a stub on loopback instead of calling the internet.")
  boolean offline;

  @Option(
      names = "--poll-interval",
      defaultValue = "6h",
      description = "How often each source is polled (default ${DEFAULT-VALUE}).")
  String pollInterval;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Folder that keeps the stack's data between runs (default: .makerates in the project root).")
  Path dataDir = LocalStack.defaultDataDir();

  @Option(
      names = "--fresh",
      description = "Delete the data folder's contents first and start from nothing.")
  boolean fresh;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A file of NAME=value lines (MAKERATES_*, KAFKA_*), e.g. makerates.env; variables set in the shell win over it.")
  Path configFile;

  /**
   * A running local pipeline: its stack, the three apps, the offline stub if any, and the counts
   * that {@code status} reads.
   */
  record Running(
      EmbeddedStack stack,
      LocalPipeline pipeline,
      OfflineSourceStub stub,
      UpConfiguration config,
      StageTally tally)
      implements AutoCloseable {

    Running(
        EmbeddedStack stack,
        LocalPipeline pipeline,
        OfflineSourceStub stub,
        UpConfiguration config) {
      this(stack, pipeline, stub, config, null);
    }

    /**
     * Stops the counts, the apps, the stub and the stack, and removes the connection file; the data
     * folder stays.
     */
    @Override
    public void close() {
      if (tally != null) {
        tally.close();
      }
      if (pipeline != null) {
        pipeline.close();
      }
      if (stub != null) {
        stub.close();
      }
      LocalStackInfo.delete(LocalStackInfo.file(stack.directory()));
      stack.close();
    }
  }

  /** Starts with the default configuration: no file, nothing from the shell. */
  static Running start(
      Path dataDir,
      boolean fresh,
      boolean offline,
      String pollInterval,
      java.util.function.Consumer<Running> onStack) {
    return start(dataDir, fresh, offline, pollInterval, Map.of(), Optional.empty(), onStack);
  }

  /**
   * Starts stack, stub and apps, and writes the connection file; {@code onStack} runs once the
   * stack is up. The configuration is checked before anything starts, so a bad file or variable
   * costs no stack start.
   */
  static Running start(
      Path dataDir,
      boolean fresh,
      boolean offline,
      String pollInterval,
      Map<String, String> shell,
      Optional<Path> configFile,
      java.util.function.Consumer<Running> onStack) {
    UpConfiguration.resolve(
        shell,
        configFile,
        pollInterval,
        offline ? Optional.of("http://127.0.0.1:1") : Optional.empty());
    EmbeddedStack stack = LocalStack.start(dataDir, fresh);
    OfflineSourceStub stub = null;
    LocalPipeline pipeline = null;
    try {
      stub = offline ? new OfflineSourceStub(Clock.systemUTC()) : null;
      UpConfiguration config =
          UpConfiguration.resolve(
              shell,
              configFile,
              pollInterval,
              Optional.ofNullable(stub).map(OfflineSourceStub::frankfurterBaseUrl));
      onStack.accept(new Running(stack, null, stub, config));
      pipeline = LocalPipeline.start(stack, config.env());
      // the apps have created the topics: from here on 'status' finds the counts in the data folder
      StageTally tally =
          StageTally.start(
              stack.bootstrapServers(),
              new Topics(new AvroSerdes(stack.registryUrl())),
              new StageTally.Database(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword()),
              stack.directory());
      Running running = new Running(stack, pipeline, stub, config, tally);
      LocalStackInfo.of(stack.env(), config.env())
          .withOps(pipeline.opsUrls())
          .write(LocalStackInfo.file(stack.directory()));
      PrometheusTargets.write(stack.directory(), pipeline.opsUrls());
      return running;
    } catch (RuntimeException e) {
      new Running(stack, pipeline, stub, null).close();
      throw e;
    }
  }

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    Path data = dataDir.toAbsolutePath().normalize();
    Path logFile = data.resolve("logs").resolve("makerates.log");
    if (!fresh) {
      AppLogs.toFile(logFile);
    }
    if (fresh) {
      System.out.println("Fresh start: deleting the data in " + data + "...");
    }
    System.out.println(
        "Starting the embedded stack (KRaft broker, Apicurio registry, PostgreSQL) on "
            + data
            + "...");
    CountDownLatch stopped = new CountDownLatch(1);
    Running[] current = new Running[1];
    Thread hook =
        new Thread(
            () -> {
              System.out.println("Stopping MakeRates...");
              Running running = current[0];
              if (running != null) {
                running.close();
              }
              System.out.println(
                  "Stopped; nothing left running. The data stays in "
                      + data
                      + " for the next 'up'.");
              stopped.countDown();
            },
            "makerates-stop");
    Running running;
    try {
      running =
          start(
              data,
              fresh,
              offline,
              pollInterval,
              System.getenv(),
              Optional.ofNullable(configFile),
              partial -> {
                // from here on Ctrl-C stops what has started (the hook sees the apps once they run)
                current[0] = partial;
                Runtime.getRuntime().addShutdownHook(hook);
                AppLogs.toFile(logFile); // again: a fresh start has just emptied the folder
                System.out.println(
                    "The apps' JSON logs go to " + logFile + "; warnings show here too.");
                System.out.println(
                    "Configuration (shell over "
                        + (configFile == null ? "defaults" : configFile + " over defaults")
                        + "; secrets redacted):");
                partial.config().describe().forEach(line -> System.out.println("  " + line));
                partial
                    .config()
                    .warnings()
                    .forEach(w -> System.out.println("makerates: warning: " + w));
                if (partial.stub() != null) {
                  System.out.println(
                      "Offline: sources are served by a stub at "
                          + partial.stub().frankfurterBaseUrl());
                }
                System.out.println("Starting sink-app, streams-app and extractor-app...");
              });
    } catch (RuntimeException e) {
      current[0] = null; // start() has stopped what it started
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C during the start: the hook finds nothing to stop
      }
      if (e instanceof IllegalStateException
          || e instanceof io.makerates.runtime.config.ConfigException) {
        System.err.println("makerates: " + e.getMessage());
        return 1;
      }
      throw e;
    }
    current[0] = running;
    LocalPipeline pipeline = running.pipeline();
    EmbeddedStack stack = running.stack();
    running
        .config()
        .unread(pipeline.settings())
        .forEach(w -> System.out.println("makerates: warning: " + w));

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!pipeline.ready() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(200);
    }
    System.out.printf(
        "MakeRates is %s after %.1f s.%n",
        pipeline.ready() ? "up" : "starting (not all apps ready yet)",
        (System.nanoTime() - started) / 1e9);
    System.out.println("  Kafka:      " + stack.bootstrapServers());
    System.out.println("  Registry:   " + stack.registryUrl());
    System.out.println("  PostgreSQL: " + stack.jdbcUrl() + " (user postgres)");
    System.out.println("  Data:       " + data);
    pipeline
        .apps()
        .forEach(
            a ->
                System.out.printf(
                    "  %-14s http://127.0.0.1:%d/health/ready  /metrics%n",
                    a.name(), a.ops().port()));
    System.out.println(
        "Run 'bin/makerates status' for counts at every stage. Ctrl-C stops everything; the data stays in "
            + data
            + " and the next 'up' goes on from it ('up --fresh' starts from nothing).");
    stopped.await();
    return 0;
  }
}
