package io.makerates.extractor.backfill;

import io.makerates.extractor.ExtractorRuntime;
import io.makerates.extractor.ExtractorSettings;
import io.makerates.extractor.SourceConfig;
import io.makerates.extractor.SourceExtractor;
import io.makerates.extractor.quota.QuotaLimit;
import io.makerates.extractor.source.RateSource;
import io.makerates.extractor.source.RateSources;
import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backfill --source ID --from DATE --to DATE --mode BATCH|ISOLATED [--dry-run] [--pace]}:
 * extracts a past date range into bronze with the extractor's configuration (the same environment
 * variables), skipping dates already extracted. Exit code 0 when every date was extracted, 1 when
 * some are left (run it again to resume), 2 when it refused to start.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description =
        "Extract a past date range from one source into bronze: quota-checked, resumable, with progress.")
public final class BackfillCommand implements Callable<Integer> {

  @Option(
      names = "--source",
      required = true,
      description = "the source id, as in MAKERATES_SOURCES")
  String source;

  @Option(names = "--from", required = true, description = "first date, YYYY-MM-DD")
  LocalDate from;

  @Option(names = "--to", required = true, description = "last date, YYYY-MM-DD")
  LocalDate to;

  @Option(
      names = "--mode",
      defaultValue = "BATCH",
      description =
          "BATCH: range requests of up to --chunk-days; ISOLATED: one request per date (default ${DEFAULT-VALUE})")
  BackfillPlan.Mode mode;

  @Option(
      names = "--chunk-days",
      description =
          "longest range in BATCH mode (default: the source's, 31 days; the whole range for ecb)")
  Integer chunkDays;

  @Option(names = "--include-weekends", description = "also request Saturdays and Sundays")
  boolean includeWeekends;

  @Option(
      names = "--dry-run",
      description = "print the plan and the number of requests; send nothing")
  boolean dryRun;

  @Option(
      names = "--pace",
      description = "when the quota is spent, wait for the next quota period instead of stopping")
  boolean pace;

  @Option(
      names = "--run-id",
      description = "the id marking this run's bronze records (default: a new UUID)")
  String runId = UUID.randomUUID().toString();

  private final Supplier<Map<String, String>> environment;
  private final PrintStream out;

  /**
   * Reads its configuration from {@code environment}: the process environment, or the local
   * stack's.
   */
  public BackfillCommand(Supplier<Map<String, String>> environment, PrintStream out) {
    this.environment = environment;
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(
        new CommandLine(new BackfillCommand(System::getenv, System.out))
            .setCaseInsensitiveEnumValuesAllowed(true)
            .execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ExtractorSettings config;
    Settings settings = new Settings(environment.get());
    if (dryRun
        && (settings.optional("registry.url").isEmpty()
            || settings.kafkaProperties().getProperty("bootstrap.servers") == null)) {
      return planWithoutCluster(settings);
    }
    try {
      config = ExtractorSettings.from(settings);
      settings.bootstrapServers();
    } catch (ConfigException e) {
      out.println("backfill refused: " + e.getMessage());
      return 2;
    }
    if (config.sources().stream().noneMatch(s -> s.id().equals(source))) {
      out.println(
          "backfill refused: no source '"
              + source
              + "' is configured (MAKERATES_SOURCES lists "
              + config.sources().stream().map(s -> s.id()).toList()
              + ")");
      return 2;
    }
    String producer = config.audit().instance() + "-backfill-" + runId;
    try (ExtractorRuntime runtime =
        new ExtractorRuntime(
            config, settings.kafkaProperties(), new SimpleMeterRegistry(), producer)) {
      SourceExtractor extractor = runtime.extractor(source);
      Set<LocalDate> extracted =
          ExtractedDates.of(
              source,
              settings.kafkaProperties(),
              new Topics(new AvroSerdes(config.registryUrl())).bronze,
              Duration.ofMinutes(5));
      BackfillPlan plan;
      try {
        int chunk = chunkDays != null ? chunkDays : extractor.source().longestRangeDays();
        plan =
            BackfillPlan.build(
                extractor.source(), from, to, mode, chunk, includeWeekends, extracted);
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        out.println("backfill refused: " + e.getMessage());
        return 2;
      }
      out.printf(
          "backfill %s of %s, %s..%s in %s mode: %d dates, %d already extracted, %d weekend dates left out: %d requests%n",
          runId,
          source,
          from,
          to,
          mode,
          plan.datesInRange(),
          plan.datesAlreadyExtracted(),
          plan.weekendDatesLeftOut(),
          plan.requests().size());
      runtime
          .ledger()
          .remaining(source)
          .ifPresent(
              left ->
                  out.printf(
                      "quota of %s: %d requests left of %s in %s%n",
                      source,
                      left,
                      runtime.ledger().limit(source).map(QuotaLimit::toString).orElse("?"),
                      runtime
                          .ledger()
                          .limit(source)
                          .map(l -> l.periodOf(Clock.systemUTC().instant()))
                          .orElse("?")));
      BackfillRun run =
          new BackfillRun(
              extractor,
              runtime.ledger(),
              runtime::syncQuotas,
              out,
              Clock.systemUTC(),
              d -> Thread.sleep(d.toMillis()));
      try {
        run.checkQuota(plan, pace);
      } catch (BackfillRefusedException e) {
        out.println("backfill refused: " + e.getMessage());
        return 2;
      }
      if (dryRun) {
        out.println("dry run: nothing sent");
        return 0;
      }
      BackfillRun.Summary summary = run.run(plan, runId, pace);
      out.printf(
          "backfill %s: %d of %d requests succeeded, %d failed, %d not made, %d attempts recorded%s%n",
          runId,
          summary.succeeded(),
          summary.requests(),
          summary.failed(),
          summary.requestsLeft(),
          summary.attempts(),
          summary.complete() ? "" : "; run the same command again to extract what is missing");
      return summary.complete() ? 0 : 1;
    }
  }

  /**
   * A dry run with no cluster named: the plan from the source's own rules alone. What only the
   * cluster knows (the dates already in bronze, the quota spent) is said to be unchecked rather
   * than guessed.
   */
  private int planWithoutCluster(Settings settings) {
    SourceConfig sourceConfig;
    try {
      // the registry is never contacted here; the settings only need an address to be complete
      ExtractorSettings config =
          ExtractorSettings.from(
              settings.with(
                  Map.of(
                      Settings.variable("registry.url"),
                      settings
                          .optional("registry.url")
                          .orElse("http://registry.not-used.invalid"))));
      sourceConfig =
          config.sources().stream().filter(s -> s.id().equals(source)).findFirst().orElse(null);
      if (sourceConfig == null) {
        out.println(
            "backfill refused: no source '"
                + source
                + "' is configured (MAKERATES_SOURCES lists "
                + config.sources().stream().map(SourceConfig::id).toList()
                + ")");
        return 2;
      }
    } catch (ConfigException e) {
      out.println("backfill refused: " + e.getMessage());
      return 2;
    }
    RateSource rateSource = RateSources.create(sourceConfig);
    BackfillPlan plan;
    try {
      plan =
          BackfillPlan.build(
              rateSource,
              from,
              to,
              mode,
              chunkDays != null ? chunkDays : rateSource.longestRangeDays(),
              includeWeekends,
              Set.of());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      out.println("backfill refused: " + e.getMessage());
      return 2;
    }
    out.printf(
        "backfill %s of %s, %s..%s in %s mode: %d dates, %d weekend dates left out: %d requests%n",
        runId,
        source,
        from,
        to,
        mode,
        plan.datesInRange(),
        plan.weekendDatesLeftOut(),
        plan.requests().size());
    out.println(
        "no cluster named (KAFKA_BOOTSTRAP_SERVERS, MAKERATES_REGISTRY_URL), so dates already extracted and the "
            + "quota spent were not checked: the real run may send fewer requests, or stop at the quota");
    out.println("dry run: nothing sent");
    return 0;
  }
}
