package io.makerates.launcher;

import io.makerates.launcher.status.StageTally;
import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.Topics;
import io.makerates.stack.EmbeddedStack;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
final class UpCommand implements Callable<Integer> {

  /** Where the offline stub is taken to be while the configuration is checked, before it runs. */
  private static final String STUB_STAND_IN = "http://127.0.0.1:1";

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

  private final Supplier<Map<String, String>> environment;
  private final PrintStream out;
  private final AtomicReference<Running> current = new AtomicReference<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** The command line's: the process environment, the terminal. */
  UpCommand() {
    this(System::getenv, System.out);
  }

  /** With the shell variables and the terminal a test gives. */
  UpCommand(Supplier<Map<String, String>> environment, PrintStream out) {
    this.environment = environment;
    this.out = out;
  }

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
      Consumer<Running> onStack) {
    return start(dataDir, fresh, offline, pollInterval, Map.of(), Optional.empty(), onStack);
  }

  /**
   * Starts stack, stub and apps, and writes the connection file; {@code onStack} runs once the
   * stack is up. Every app's settings are checked before anything starts, so a bad file or variable
   * costs no stack start.
   *
   * @throws ConfigException for a bad configuration, before anything started
   */
  static Running start(
      Path dataDir,
      boolean fresh,
      boolean offline,
      String pollInterval,
      Map<String, String> shell,
      Optional<Path> configFile,
      Consumer<Running> onStack) {
    check(shell, configFile, pollInterval, offline);
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
                  Optional.ofNullable(stub).map(OfflineSourceStub::rootUrl),
                  // written once the stack holds the folder (--fresh has emptied it)
                  offline
                      ? Optional.of(OfflineSourceStub.placeholderKey(dataDir))
                      : Optional.empty())
              .checked();
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

  /** The configuration as the apps will read it, checked; nothing runs yet. */
  private static UpConfiguration check(
      Map<String, String> shell, Optional<Path> configFile, String pollInterval, boolean offline) {
    // without the placeholder key: nothing is written before the configuration is known to be good
    return UpConfiguration.resolve(
            shell,
            configFile,
            pollInterval,
            offline ? Optional.of(STUB_STAND_IN) : Optional.empty())
        .checked();
  }

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    Path data = dataDir.toAbsolutePath().normalize();
    Map<String, String> shell = environment.get();
    Optional<Path> file = Optional.ofNullable(configFile);
    try {
      check(shell, file, pollInterval, offline);
    } catch (ConfigException e) {
      out.println("makerates: " + e.getMessage());
      return 2;
    }
    if (LocalStack.isRunning(data)) {
      out.println(
          "makerates: a local stack is already running on "
              + data
              + "; stop it first (Ctrl-C where 'bin/makerates up' runs)");
      return 1;
    }
    // before the stack starts, so that its lines go to the file too, never to the terminal
    Path logFile = AppLogs.toFile(data.resolve("logs").resolve("makerates.log"), out);
    if (fresh) {
      out.println("Fresh start: deleting the data in " + data + "...");
    }
    out.println(
        "Starting the embedded stack (KRaft broker, Apicurio registry, PostgreSQL) on "
            + data
            + "...");
    Thread hook = new Thread(() -> stop(data), "makerates-stop");
    Running running;
    try {
      running =
          start(
              data,
              fresh,
              offline,
              pollInterval,
              shell,
              file,
              partial -> {
                // from here on Ctrl-C stops what has started (the hook sees the apps once they run)
                current.set(partial);
                Runtime.getRuntime().addShutdownHook(hook);
                if (fresh) {
                  AppLogs.toFile(logFile, out); // the fresh start deleted the file with the data
                }
                UpReport.starting(out, partial, logFile, file);
              });
    } catch (RuntimeException e) {
      current.set(null); // start() has stopped what it started
      removeHook(hook);
      if (e instanceof IllegalStateException || e instanceof ConfigException) {
        out.println("makerates: " + e.getMessage());
        return 1;
      }
      throw e;
    }
    current.set(running);
    LocalPipeline pipeline = running.pipeline();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!pipeline.ready() && System.nanoTime() < deadline && !stopping.get()) {
      TimeUnit.MILLISECONDS.sleep(200);
    }
    if (!stopping.get()) {
      UpReport.up(out, running, data, (System.nanoTime() - started) / 1e9);
    }
    stopped.await();
    removeHook(hook);
    return 0;
  }

  /**
   * Stops everything that runs and lets {@link #call} return: what Ctrl-C does (as a shutdown
   * hook), and what a test does in its place.
   */
  void stop(Path data) {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    out.println("Stopping MakeRates...");
    Running running = current.getAndSet(null);
    if (running != null) {
      running.close();
    }
    out.println("Stopped; nothing left running. The data stays in " + data + " for the next 'up'.");
    stopped.countDown();
  }

  /** As Ctrl-C, for a test that drives {@link #call}. */
  void stop() {
    stop(dataDir.toAbsolutePath().normalize());
  }

  /** The stack that runs, once it does; for a test that drives {@link #call}. */
  Optional<Running> running() {
    return Optional.ofNullable(current.get());
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is running or has run
    }
  }
}
