package io.makerates.launcher;

import io.makerates.extractor.backfill.BackfillCommand;
import io.makerates.extractor.backfill.BackfillOptions;
import io.makerates.runtime.config.Settings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bin/makerates backfill}: the extractor's backfill beside the local stack, with its
 * addresses and sources (the offline stub's when it runs offline); what the shell sets wins, so a
 * shell naming a cluster (KAFKA_BOOTSTRAP_SERVERS, MAKERATES_REGISTRY_URL) backfills that one.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description =
        "Extract a past date range from one source into bronze: quota-checked, resumable, with"
            + " progress (beside 'bin/makerates up', or a cluster the shell names).")
final class LocalBackfillCommand implements Callable<Integer> {

  @Mixin BackfillOptions options;

  @Mixin DataDirOption dataDir = new DataDirOption();

  private final Supplier<Map<String, String>> environment;
  private final PrintStream out;

  /** The command line's: the process environment, the terminal. */
  LocalBackfillCommand() {
    this(System::getenv, System.out);
  }

  /** With the shell variables and the terminal a test gives. */
  LocalBackfillCommand(Supplier<Map<String, String>> environment, PrintStream out) {
    this.environment = environment;
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    // the output is the plan and the progress; a Kafka client retrying a broker that is down
    // would add a warning per attempt
    AppLogs.quiet();
    Path data = dataDir.folder();
    Map<String, String> env = new HashMap<>();
    LocalStack.running(data).ifPresent(stack -> env.putAll(stack.clientEnv()));
    env.putAll(environment.get());
    Optional<String> refusal = options.rangeRefusal(LocalDate.now(ZoneOffset.UTC));
    if (refusal.isEmpty() && !namesCluster(env) && !options.dryRun()) {
      refusal =
          Optional.of(
              LocalStack.isRunning(data)
                  ? "the local stack on " + data + " is starting; try again in a moment"
                  : "no local stack is running on "
                      + data
                      + ": start one with 'bin/makerates up' (or name a cluster:"
                      + " KAFKA_BOOTSTRAP_SERVERS, MAKERATES_REGISTRY_URL)");
    }
    if (refusal.isPresent()) {
      out.println("backfill refused: " + refusal.get());
      return 2;
    }
    String noCluster = "no local stack is running on " + data + " and no cluster is named";
    return new BackfillCommand(() -> env, out, noCluster).run(options);
  }

  private static boolean namesCluster(Map<String, String> env) {
    Settings settings = new Settings(env);
    return settings.optional("registry.url").isPresent()
        && settings.kafkaProperties().getProperty("bootstrap.servers") != null;
  }
}
