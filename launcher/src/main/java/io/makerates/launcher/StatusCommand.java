package io.makerates.launcher;

import io.makerates.extractor.SourceConfig;
import io.makerates.launcher.status.AppProbes;
import io.makerates.launcher.status.SourceReport;
import io.makerates.launcher.status.StageCounts;
import io.makerates.runtime.config.Settings;
import io.makerates.streams.IndependenceGroups;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * The running local stack at a glance: where its services answer (with the database login), each
 * app's readiness and consumer lag, what reached every stage, and per source its last extraction,
 * the date of its newest answer, its attempts and failures today, its rejections by reason, its
 * quota and its circuit breaker.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the running local stack: its addresses, each app's readiness and lag, the records of every"
          + " stage, and per source its last extraction, newest answer date, attempts and failures today, rejections by"
          + " reason, quota and breaker.",
      "Exit code 0: the stack answered; 1: no stack runs, or it does not answer."
    })
final class StatusCommand extends ReadingCommand {

  private static final List<String> APPS =
      List.of("extractor-app", "streams-app", "sink-app", "api-app");

  private final Clock clock;

  StatusCommand() {
    super();
    this.clock = Clock.systemUTC();
  }

  StatusCommand(PrintStream out, PrintStream err, Clock clock) {
    super(System::getenv, out, err, false);
    this.clock = clock;
  }

  @Override
  int read() {
    Optional<LocalStackInfo> info = LocalStack.running(dataDir);
    if (info.isEmpty() && LocalStack.isRunning(dataDir)) {
      err.println(
          "The local stack on "
              + dataDir.toAbsolutePath().normalize()
              + " is starting; try again in a moment.");
      return 1;
    }
    if (info.isEmpty()) {
      err.println(
          "No local stack is running on "
              + dataDir.toAbsolutePath().normalize()
              + ": start one with 'bin/makerates up' (or 'up --offline').");
      return 1;
    }
    LocalStackInfo stack = info.get();
    try {
      print(stack);
      return 0;
    } catch (RuntimeException e) {
      err.println(
          "The local stack on "
              + dataDir.toAbsolutePath().normalize()
              + " does not answer ("
              + firstLine(e)
              + "); is 'bin/makerates up' still running?");
      return 1;
    }
  }

  private void print(LocalStackInfo stack) {
    Settings settings = new Settings(stack.clientEnv());
    List<SourceConfig> sources = Services.configuredSources(stack.clientEnv());
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    // the counts come from 'up', which follows the topics while it runs: scanning them here took
    // seconds on a stack of a few years
    Optional<StageCounts> counts = StageCounts.read(dataDir);
    List<AppProbes.App> apps = AppProbes.ask(stack.opsUrls(), APPS);

    out.println("MakeRates local stack on " + dataDir.toAbsolutePath().normalize());
    out.println("services");
    out.printf("  %-12s %s%n", "kafka", stack.bootstrapServers());
    out.printf("  %-12s %s%n", "registry", stack.registryUrl());
    out.printf(
        "  %-12s %s  user %s  password %s%n",
        "postgresql", stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
    out.println("apps");
    for (AppProbes.App app : apps) {
      out.printf(
          "  %-14s %-10s %-22s %s%n",
          app.name(),
          app.readiness(),
          "lag " + AppProbes.lag(app),
          app.url() == null ? "" : app.url() + "/metrics");
    }
    if (counts.isEmpty()) {
      out.println("pipeline   not counted yet ('up' counts the topics as it starts; try again)");
    } else {
      StageCounts c = counts.get();
      out.println(
          c.behind() == 0
              ? "pipeline"
              : "pipeline   (still counting: " + c.behind() + " records not read yet)");
      c.records().forEach((what, n) -> out.printf("  %-20s %d%n", what, n));
      out.printf("  %-20s %d%n", "fact rows", c.factRows());
      out.printf("  %-20s %d%n", "gold keys", c.goldKeys());
    }
    out.println("sources");
    new SourceReport(
            sources,
            IndependenceGroups.from(settings),
            apps.stream()
                .filter(a -> a.name().equals("extractor-app"))
                .findFirst()
                .flatMap(AppProbes.App::metrics))
        .print(counts.map(StageCounts::sources).orElse(Map.of()), today, out);
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
