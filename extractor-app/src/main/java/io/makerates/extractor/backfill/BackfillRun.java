package io.makerates.extractor.backfill;

import io.makerates.extractor.ExtractionJob;
import io.makerates.extractor.ExtractionResult;
import io.makerates.extractor.ExtractionResult.Outcome;
import io.makerates.extractor.SourceExtractor;
import io.makerates.extractor.quota.QuotaLedger;
import io.makerates.extractor.quota.QuotaLimit;
import io.makerates.schema.ExtractionTrigger;
import io.makerates.sources.SourceRequest;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Carries out a {@link BackfillPlan} at one source, request by request, with the source's retries,
 * breaker, rate limit and quota. Checks first that the quota can cover the plan; with {@code pace}
 * it instead waits for the next quota period whenever the quota is spent. Every bronze record
 * carries the run id. Progress goes to {@code out}.
 */
public final class BackfillRun {

  /** How a run ended. {@code requestsLeft} are the requests not made (a rerun makes them). */
  public record Summary(
      int requests,
      int succeeded,
      int failed,
      int requestsLeft,
      int attempts,
      String stoppedBecause) {
    public boolean complete() {
      return failed == 0 && requestsLeft == 0;
    }
  }

  /** Waits; a test passes one that does not. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final SourceExtractor extractor;
  private final QuotaLedger ledger;
  private final Runnable syncQuotas;
  private final PrintStream out;
  private final Clock clock;
  private final Sleeper sleeper;

  public BackfillRun(
      SourceExtractor extractor,
      QuotaLedger ledger,
      Runnable syncQuotas,
      PrintStream out,
      Clock clock,
      Sleeper sleeper) {
    this.extractor = extractor;
    this.ledger = ledger;
    this.syncQuotas = syncQuotas;
    this.out = out;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Refuses, before anything is sent, a plan the quota cannot cover, unless the run may pace
   * itself.
   *
   * @throws BackfillRefusedException with what the plan needs and what the quota allows
   */
  public void checkQuota(BackfillPlan plan, boolean pace) {
    String source = extractor.config().id();
    Optional<Long> remaining = ledger.remaining(source);
    if (remaining.isEmpty() || remaining.get() >= plan.requests().size() || pace) {
      return;
    }
    QuotaLimit limit = ledger.limit(source).orElseThrow();
    throw new BackfillRefusedException(
        "the backfill needs at least "
            + plan.requests().size()
            + " requests to "
            + source
            + ", but its quota ("
            + limit
            + ") allows only "
            + remaining.get()
            + " more in "
            + limit.periodOf(clock.instant())
            + ". Narrow the range, use --mode BATCH, or pass --pace to wait for the next quota period when it is spent.");
  }

  public Summary run(BackfillPlan plan, String runId, boolean pace) throws InterruptedException {
    String source = extractor.config().id();
    int total = plan.requests().size();
    int succeeded = 0;
    int failed = 0;
    int attempts = 0;
    for (int i = 0; i < total; i++) {
      SourceRequest request = plan.requests().get(i);
      ExtractionResult result =
          extractor.extract(new ExtractionJob(request, ExtractionTrigger.BACKFILL, runId, null));
      attempts += result.records().size();
      while (result.outcome() == Outcome.QUOTA_SPENT && pace && ledger.limit(source).isPresent()) {
        Instant resume = nextPeriodStart(source);
        out.printf("  quota of %s spent; pacing: waiting until %s%n", source, resume);
        sleeper.sleep(Duration.between(clock.instant(), resume).plusSeconds(1));
        syncQuotas.run();
        result =
            extractor.extract(new ExtractionJob(request, ExtractionTrigger.BACKFILL, runId, null));
        attempts += result.records().size();
      }
      if (result.succeeded()) {
        succeeded++;
      } else if (result.outcome().sourceUnavailable()) {
        out.printf(
            "[%d/%d] %s stopped: %s (%s)%n",
            i + 1, total, dates(request), result.outcome(), result.detail());
        return new Summary(
            total,
            succeeded,
            failed,
            total - i,
            attempts,
            result.outcome() + ": " + result.detail());
      } else {
        failed++;
      }
      out.printf(
          "[%d/%d] %3d%% %s %s (%d attempt%s)%n",
          i + 1,
          total,
          100 * (i + 1) / total,
          dates(request),
          result.succeeded() ? "ok" : "failed: " + result.detail(),
          result.records().size(),
          result.records().size() == 1 ? "" : "s");
    }
    return new Summary(total, succeeded, failed, 0, attempts, null);
  }

  private Instant nextPeriodStart(String source) {
    QuotaLimit limit = ledger.limit(source).orElseThrow();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate next =
        limit.period() == QuotaLimit.Period.DAY
            ? today.plusDays(1)
            : today.withDayOfMonth(1).plusMonths(1);
    return next.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static String dates(SourceRequest request) {
    return request.requestedFrom().equals(request.requestedTo())
        ? request.requestedFrom().toString()
        : request.requestedFrom() + ".." + request.requestedTo();
  }
}
