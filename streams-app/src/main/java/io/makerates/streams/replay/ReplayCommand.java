package io.makerates.streams.replay;

import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code replay [--from DATE] [--to DATE]}: reprocesses bronze through the current rules with
 * streams-app's configuration (the same environment variables), for a Kubernetes Job or a shell
 * beside the cluster. streams-app must be stopped meanwhile; sink-app keeps running and stores what
 * changes. Exit code 0 done, 1 not finished in time (run it again), 2 refused to start.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description =
        "Reprocess bronze from its start through the current rules into silver, the star schema and gold.")
public final class ReplayCommand implements Callable<Integer> {

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
      description =
          "publish every pair of the replayed days again with its current "
              + "revision, changed or not: for a sink storing into a new, empty database (a rebuild)")
  boolean republish;

  @Option(
      names = "--timeout",
      defaultValue = "2h",
      converter = DurationConverter.class,
      description = "give up after this long (default ${DEFAULT-VALUE}); running it again resumes")
  Duration timeout;

  private final Supplier<Map<String, String>> environment;
  private final PrintStream out;

  public ReplayCommand(Supplier<Map<String, String>> environment, PrintStream out) {
    this.environment = environment;
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ReplayCommand(System::getenv, System.out)).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = new HashMap<>(environment.get());
    if (from != null) {
      env.put("MAKERATES_REPLAY_FROM", from.toString());
    }
    if (to != null) {
      env.put("MAKERATES_REPLAY_TO", to.toString());
    }
    if (republish) {
      env.put("MAKERATES_REPLAY_REPUBLISH", "true");
    }
    try {
      Settings settings = new Settings(env);
      settings.bootstrapServers();
      return new ReplayRun(settings, out, timeout).run();
    } catch (ConfigException e) {
      out.println("replay refused: " + e.getMessage());
      return 2;
    }
  }

  /** Durations as the apps' variables take them: 30s, 5m, 2h, PT1H. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Settings.parseDuration(value);
    }
  }
}
