package io.makerates.extractor.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.extractor.backfill.BackfillPlan.Mode;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.frankfurter.FrankfurterSource;
import java.net.URI;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackfillPlanTest {

  final FrankfurterSource frankfurter =
      new FrankfurterSource(URI.create("https://api.frankfurter.dev"));
  // Monday 2025-01-06 .. Sunday 2025-01-19: two working weeks
  final LocalDate monday = LocalDate.of(2025, 1, 6);
  final LocalDate sundayAfterNext = LocalDate.of(2025, 1, 19);

  @Test
  void isolatedAsksForEachWorkingDayAlone() {
    BackfillPlan plan =
        BackfillPlan.build(
            frankfurter, monday, sundayAfterNext, Mode.ISOLATED, 31, false, Set.of());

    assertThat(plan.requests())
        .hasSize(10)
        .allSatisfy(r -> assertThat(r.requestedFrom()).isEqualTo(r.requestedTo()));
    assertThat(plan.datesInRange()).isEqualTo(14);
    assertThat(plan.weekendDatesLeftOut()).isEqualTo(4);
    assertThat(plan.requests().get(5).url())
        .hasToString("https://api.frankfurter.dev/v1/2025-01-13");
  }

  @Test
  void batchAsksForRunsOfMissingDatesAcrossWeekendsInChunks() {
    BackfillPlan whole =
        BackfillPlan.build(frankfurter, monday, sundayAfterNext, Mode.BATCH, 31, false, Set.of());
    assertThat(whole.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.requestedFrom()).isEqualTo(monday);
              assertThat(r.requestedTo()).isEqualTo(LocalDate.of(2025, 1, 17));
            });

    BackfillPlan weekly =
        BackfillPlan.build(frankfurter, monday, sundayAfterNext, Mode.BATCH, 7, false, Set.of());
    assertThat(weekly.requests())
        .extracting(SourceRequest::requestedFrom, SourceRequest::requestedTo)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(monday, LocalDate.of(2025, 1, 10)),
            org.assertj.core.groups.Tuple.tuple(
                LocalDate.of(2025, 1, 13), LocalDate.of(2025, 1, 17)));
  }

  @Test
  void resumesBySkippingDatesAlreadyExtracted() {
    Set<LocalDate> done = Set.of(monday, monday.plusDays(1), LocalDate.of(2025, 1, 9));

    BackfillPlan isolated =
        BackfillPlan.build(frankfurter, monday, sundayAfterNext, Mode.ISOLATED, 31, false, done);
    BackfillPlan batch =
        BackfillPlan.build(frankfurter, monday, sundayAfterNext, Mode.BATCH, 31, false, done);

    assertThat(isolated.requests()).hasSize(7);
    assertThat(isolated.datesAlreadyExtracted()).isEqualTo(3);
    // Wed 8th alone (Thu 9th is done), then Fri 10th over the weekend to Fri 17th
    assertThat(batch.requests())
        .extracting(SourceRequest::requestedFrom, SourceRequest::requestedTo)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(LocalDate.of(2025, 1, 8), LocalDate.of(2025, 1, 8)),
            org.assertj.core.groups.Tuple.tuple(
                LocalDate.of(2025, 1, 10), LocalDate.of(2025, 1, 17)));
  }

  @Test
  void weekendsAreAskedForOnlyWhenWanted() {
    BackfillPlan plan =
        BackfillPlan.build(frankfurter, monday, sundayAfterNext, Mode.ISOLATED, 31, true, Set.of());
    assertThat(plan.requests()).hasSize(14);
    assertThat(plan.weekendDatesLeftOut()).isZero();
  }

  @Test
  void refusesABackwardRangeAndAnEmptyChunk() {
    assertThatThrownBy(
            () ->
                BackfillPlan.build(
                    frankfurter, sundayAfterNext, monday, Mode.BATCH, 31, false, Set.of()))
        .hasMessageContaining("before --from");
    assertThatThrownBy(
            () ->
                BackfillPlan.build(
                    frankfurter, monday, sundayAfterNext, Mode.BATCH, 0, false, Set.of()))
        .hasMessageContaining("--chunk-days");
  }
}
