package io.makerates.launcher;

import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.runtime.ops.Observability;
import io.makerates.sink.SinkApp;
import io.makerates.stack.EmbeddedStack;
import io.makerates.streams.StreamsApp;
import io.makerates.streams.replay.ReplayCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/makerates replay}: reprocesses the local stack's bronze through the current rules. It
 * starts the stack on its data folder with sink-app (so silver reaches the star schema and gold),
 * runs the replay in place of streams-app, prints the summary and stops; {@code up} then carries on
 * from the result. The rules are streams-app's variables, read from the shell ({@code
 * MAKERATES_CONSENSUS_TOLERANCE_BPS=100 bin/makerates replay}).
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description =
        "Reprocess bronze from its start through the current rules into silver, the star schema and gold "
            + "(the local stack must not be running; 'up' carries on from the result).")
final class LocalReplayCommand implements Callable<Integer> {

  @Option(
      names = "--from",
      description = "first rate date a re-read answer may change, YYYY-MM-DD (default: any)")
  LocalDate from;

  @Option(
      names = "--to",
      description = "last rate date a re-read answer may change, YYYY-MM-DD (default: any)")
  LocalDate to;

  @Option(
      names = "--republish",
      description = "publish every pair again with its current revision (for a new database)")
  boolean republish;

  @Option(
      names = "--timeout",
      description = "give up after this long, e.g. 30m (default 2h); running it again resumes")
  String timeout;

  @Mixin DataDirOption dataDir = new DataDirOption();

  private final Supplier<Map<String, String>> environment;
  private final PrintStream out;

  /** The command line's: the process environment, the terminal. */
  LocalReplayCommand() {
    this(System::getenv, System.out);
  }

  /** With the shell variables and the terminal a test gives. */
  LocalReplayCommand(Supplier<Map<String, String>> environment, PrintStream out) {
    this.environment = environment;
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    Path data = dataDir.folder();
    if (LocalStack.isRunning(data)) {
      out.println(
          "replay refused: the local stack is running on "
              + data
              + ". Stop 'bin/makerates up' (Ctrl-C) "
              + "first: replay starts the stack itself, and the next 'up' carries on from its result.");
      return 2;
    }
    Map<String, String> shell = shellSettings(environment.get());
    try {
      // the rules and sink-app's settings before anything starts: a bad value costs no stack start
      Settings settings = new Settings(withStandIns(shell));
      SinkApp.checkSettings(settings);
      StreamsApp.checkSettings(settings);
    } catch (ConfigException e) {
      out.println("replay refused: " + e.getMessage());
      return 2;
    }
    Path logFile = AppLogs.toFile(data.resolve("logs").resolve("replay.log"), out);
    out.println("Starting the local stack on " + data + " with sink-app...");
    out.println(
        "The JSON logs of the stack, sink-app and the replay's Kafka Streams go to "
            + logFile
            + "; warnings show here too.");
    // Ctrl-C runs shutdown hooks, not finally blocks: the hook stops the sink, then the stack,
    // whatever is running
    AutoCloseable[] running = new AutoCloseable[2];
    Thread hook = new Thread(() -> stop(running, data), "makerates-replay-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      EmbeddedStack stack = LocalStack.start(data, false);
      running[1] = stack;
      Map<String, String> env = new LinkedHashMap<>(shell);
      env.putAll(stack.env());
      env.put("MAKERATES_STATE_DIR", stack.directory().resolve("streams-state").toString());
      env.put("MAKERATES_HTTP_PORT", "0");
      running[0] =
          SinkApp.start(new Settings(env), Observability.registry("sink-app"), new HealthChecks());
      return new CommandLine(new ReplayCommand(() -> env, out))
          .execute(replayArguments().toArray(String[]::new));
    } catch (IllegalStateException e) {
      out.println("replay refused: " + e.getMessage());
      return 2;
    } finally {
      stop(running, data);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running
      }
    }
  }

  private List<String> replayArguments() {
    List<String> args = new ArrayList<>();
    if (from != null) {
      args.addAll(List.of("--from", from.toString()));
    }
    if (to != null) {
      args.addAll(List.of("--to", to.toString()));
    }
    if (republish) {
      args.add("--republish");
    }
    if (timeout != null) {
      args.addAll(List.of("--timeout", timeout));
    }
    return args;
  }

  private static Map<String, String> withStandIns(Map<String, String> shell) {
    Map<String, String> env = new LinkedHashMap<>(shell);
    env.putAll(LocalStack.STAND_INS);
    return env;
  }

  private synchronized void stop(AutoCloseable[] running, Path data) {
    if (running[0] == null && running[1] == null) {
      return;
    }
    out.println("Stopping the local stack; the data stays in " + data + ".");
    for (int i = 0; i < running.length; i++) {
      try {
        if (running[i] != null) {
          running[i].close();
        }
      } catch (Exception e) {
        out.println(
            "  stopping " + (i == 0 ? "sink-app" : "the stack") + " failed: " + e.getMessage());
      }
      running[i] = null;
    }
  }

  /**
   * The apps' own settings set in the shell (MAKERATES_*, KAFKA_*), e.g. other consensus rules for
   * this replay.
   */
  static Map<String, String> shellSettings(Map<String, String> shell) {
    Map<String, String> env = new LinkedHashMap<>();
    shell.forEach(
        (name, value) -> {
          if (name.startsWith(Settings.APP_PREFIX) && !name.equals("MAKERATES_LOG_LEVEL")
              || name.startsWith(Settings.KAFKA_PREFIX)) {
            env.put(name, value);
          }
        });
    return env;
  }
}
