package io.makerates.launcher;

import io.makerates.extractor.ExtractorSettings;
import io.makerates.extractor.SourceConfig;
import io.makerates.launcher.status.SourceActivity;
import io.makerates.launcher.status.StageCounts;
import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import io.makerates.sources.Coverage;
import io.makerates.sources.SourceTypes;
import io.makerates.streams.IndependenceGroups;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The configured sources and what they cover: each source with its type, independence group, base,
 * schedule and (while a local stack runs) its last extraction; then, per currency, its independent
 * official voices, with the count of currencies that have at least two and at least three. It reads
 * the running stack's configuration, or the shell's when none runs, so it answers before 'up' too.
 */
@Command(
    name = "sources",
    mixinStandardHelpOptions = true,
    description = {
      "List the configured sources (group, base, schedule, last answer) and, per currency, its"
          + " independent official voices, with how many currencies have two and three or more.",
      "Reads the running local stack's configuration, or the shell's MAKERATES_* variables when no"
          + " stack runs.",
      "Exit code 0: listed; 2: the configuration is invalid."
    })
final class SourcesCommand implements Callable<Integer> {

  @Mixin DataDirOption data = new DataDirOption();

  @Option(
      names = "--currencies",
      description = "Also list every currency with its groups (default: the counts only).")
  boolean currencies;

  private final Supplier<Map<String, String>> environment;
  private final PrintStream out;
  private final PrintStream err;

  SourcesCommand() {
    this(System::getenv, System.out, System.err);
  }

  SourcesCommand(Supplier<Map<String, String>> environment, PrintStream out, PrintStream err) {
    this.environment = environment;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    Optional<LocalStackInfo> stack = LocalStack.running(data.folder());
    Map<String, String> env = stack.map(LocalStackInfo::clientEnv).orElseGet(environment);
    List<SourceConfig> sources;
    IndependenceGroups groups;
    try {
      sources = ExtractorSettings.sources(new Settings(env));
      groups = IndependenceGroups.from(new Settings(env));
    } catch (ConfigException e) {
      err.println("The source configuration is invalid: " + e.getMessage());
      return 2;
    }
    Map<String, SourceActivity> activity =
        stack.isEmpty()
            ? Map.of()
            : StageCounts.read(data.folder()).map(StageCounts::sources).orElse(Map.of());
    Coverage coverage =
        Coverage.of(
            sources.stream().map(s -> new Coverage.Source(s.id(), s.type())).toList(),
            groups::groupOf);
    long allGroups = sources.stream().map(s -> groups.groupOf(s.id())).distinct().count();

    out.printf(
        "%d sources in %d independence groups (%d official), %s%n",
        sources.size(),
        allGroups,
        coverage.groups().size(),
        stack.isPresent()
            ? "as the local stack on " + data.folder() + " runs them"
            : "as configured in this shell (no local stack runs)");
    out.printf(
        "  %-18s %-18s %-12s %-5s %-48s %s%n",
        "source", "type", "group", "base", "last extraction", "schedule");
    for (SourceConfig s : sources) {
      SourceActivity a = activity.get(s.id());
      out.printf(
          "  %-18s %-18s %-12s %-5s %-48s %s%n",
          s.id(),
          s.type() + (SourceTypes.official(s.type()) ? "" : "*"),
          groups.groupOf(s.id()),
          s.base(),
          a == null || a.lastExtraction() == null
              ? (stack.isPresent() ? "none yet" : "-")
              : a.lastExtraction() + " (" + a.lastOutcome() + ", " + a.lastAnswerDate() + ")",
          // the schedule last: its text is long, and nothing after it needs to line up
          s.schedule());
    }
    if (sources.stream().anyMatch(s -> !SourceTypes.official(s.type()))) {
      out.println("  * not an official voice (a commercial aggregator)");
    }
    if (currencies) {
      out.println("independent official voices per currency");
      for (Map.Entry<String, SortedSet<String>> e : coverage.groupsByCurrency().entrySet()) {
        out.printf(
            "  %s %3d  %s%n", e.getKey(), e.getValue().size(), String.join(" ", e.getValue()));
      }
    }
    out.printf(
        "coverage: %d currencies with 2 or more independent official voices, %d with 3 or more"
            + " (of %d quoted)%n",
        coverage.currenciesWithAtLeast(2),
        coverage.currenciesWithAtLeast(3),
        coverage.groupsByCurrency().size());
    return 0;
  }
}
