package io.makerates.extractor.backfill;

import io.makerates.extractor.ExtractorRuntime;
import io.makerates.extractor.ExtractorSettings;
import io.makerates.extractor.SourceConfig;
import io.makerates.extractor.SourceExtractor;
import io.makerates.extractor.quota.QuotaLimit;
import io.makerates.extractor.source.RateSources;
import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.Topics;
import io.makerates.sources.RateSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

  @Mixin BackfillOptions options;

  private final Supplier<Map<String, String>> environment;
  private final PrintStream out;
  private final String noCluster;

  /** Reads its configuration from {@code environment}, the process environment. */
  public BackfillCommand(Supplier<Map<String, String>> environment, PrintStream out) {
    this(environment, out, "no cluster named (KAFKA_BOOTSTRAP_SERVERS, MAKERATES_REGISTRY_URL)");
  }

  /**
   * @param environment the process environment, or the local stack's
   * @param noCluster what a dry run says when {@code environment} names no cluster
   */
  public BackfillCommand(
      Supplier<Map<String, String>> environment, PrintStream out, String noCluster) {
    this.environment = environment;
    this.out = out;
    this.noCluster = noCluster;
  }

  public static void main(String[] args) {
    System.exit(
        new CommandLine(new BackfillCommand(System::getenv, System.out))
            .setCaseInsensitiveEnumValuesAllowed(true)
            .execute(args));
  }

  @Override
  public Integer call() throws Exception {
    return run(options);
  }

  /** Runs the backfill these options ask for; the exit code. */
  public int run(BackfillOptions options) throws Exception {
    Optional<String> refusal = options.rangeRefusal(LocalDate.now(ZoneOffset.UTC));
    if (refusal.isPresent()) {
      out.println("backfill refused: " + refusal.get());
      return 2;
    }
    String source = options.source;
    LocalDate from = options.from;
    LocalDate to = options.to;
    BackfillPlan.Mode mode = options.mode;
    String runId = options.runId;
    ExtractorSettings config;
    Settings settings = new Settings(environment.get());
    boolean dryRun = options.dryRun;
    if (dryRun
        && (settings.optional("registry.url").isEmpty()
            || settings.kafkaProperties().getProperty("bootstrap.servers") == null)) {
      return planWithoutCluster(settings, options);
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
    ExtractorRuntime started;
    try {
      started =
          new ExtractorRuntime(
              config, settings.kafkaProperties(), new SimpleMeterRegistry(), producer);
    } catch (IllegalStateException | KafkaException e) {
      out.println(
          "backfill refused: Kafka at "
              + settings.bootstrapServers()
              + " does not answer ("
              + e.getMessage()
              + ")");
      return 2;
    }
    try (ExtractorRuntime runtime = started) {
      SourceExtractor extractor = runtime.extractor(source);
      Set<LocalDate> extracted =
          ExtractedDates.of(
              source,
              settings.kafkaProperties(),
              new Topics(new AvroSerdes(config.registryUrl())).bronze,
              Duration.ofMinutes(5));
      BackfillPlan plan;
      try {
        int chunk =
            options.chunkDays != null ? options.chunkDays : extractor.source().longestRangeDays();
        plan =
            BackfillPlan.build(
                extractor.source(), from, to, mode, chunk, options.includeWeekends, extracted);
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
        run.checkQuota(plan, options.pace);
      } catch (BackfillRefusedException e) {
        out.println("backfill refused: " + e.getMessage());
        return 2;
      }
      if (dryRun) {
        out.println("dry run: nothing sent");
        return 0;
      }
      BackfillRun.Summary summary = run.run(plan, runId, options.pace);
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
  private int planWithoutCluster(Settings settings, BackfillOptions options) {
    String source = options.source;
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
              options.from,
              options.to,
              options.mode,
              options.chunkDays != null ? options.chunkDays : rateSource.longestRangeDays(),
              options.includeWeekends,
              Set.of());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      out.println("backfill refused: " + e.getMessage());
      return 2;
    }
    out.printf(
        "backfill %s of %s, %s..%s in %s mode: %d dates, %d weekend dates left out: %d requests%n",
        options.runId,
        source,
        options.from,
        options.to,
        options.mode,
        plan.datesInRange(),
        plan.weekendDatesLeftOut(),
        plan.requests().size());
    out.println(
        noCluster
            + ", so dates already extracted and the quota spent were not checked: the real run may"
            + " send fewer requests, or stop at the quota");
    out.println("dry run: nothing sent");
    return 0;
  }
}
