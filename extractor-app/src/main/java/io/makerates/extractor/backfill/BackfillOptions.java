package io.makerates.extractor.backfill;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Option;

/**
 * What a backfill is asked for on its command line, as a picocli mixin: the extractor's own command
 * (a Kubernetes Job) and {@code bin/makerates backfill} take the same options.
 */
public final class BackfillOptions {

  @Option(
      names = "--source",
      required = true,
      description = "the source id, as in MAKERATES_SOURCES")
  String source;

  @Option(names = "--from", required = true, description = "first date, YYYY-MM-DD")
  LocalDate from;

  @Option(
      names = "--to",
      required = true,
      description = "last date, YYYY-MM-DD; today (UTC) at the latest")
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

  public boolean dryRun() {
    return dryRun;
  }

  /**
   * Why the range cannot be backfilled, if it cannot: a day after today has no rates yet, and a
   * date that far is more likely a typo (2052 for 2025) than a wish, so it is refused rather than
   * cut to today.
   */
  public Optional<String> rangeRefusal(LocalDate today) {
    if (to.isAfter(today)) {
      return Optional.of(
          "--to "
              + to
              + " is after today ("
              + today
              + ", UTC): no source has rates of days to come; end the range today at the latest");
    }
    return Optional.empty();
  }
}
