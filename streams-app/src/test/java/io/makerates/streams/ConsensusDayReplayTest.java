package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import io.makerates.schema.internal.ConsensusDayState;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Answers read again by a replay: nothing under the same rules, only what changed under others,
 * never a lower revision.
 */
class ConsensusDayReplayTest {

  private static final LocalDate DAY = LocalDate.parse("2026-09-25");
  private static final ConsensusDay LIVE =
      new ConsensusDay(new Consensus(ConsensusSettings.defaults()));

  private final RateObservations ecb = answer("ecb", "ECB", 0, "1.1700", "0.8700");
  private final RateObservations erapi =
      answer("exchangerate-api", "ERAPI", 1, "1.2100", "0.8702"); // USD 336 bps apart

  @Test
  void aReplayUnderTheSameRulesPublishesNothing() {
    ConsensusDayState state = fold(LIVE, null, ecb, erapi).state();

    ConsensusDay.Step again = LIVE.apply(state, ecb);
    assertThat(again.changed()).isEmpty();
    assertThat(again.stateChanged()).isFalse();
  }

  @Test
  void aReplayUnderOtherRulesPublishesTheChangedPairsOnlyWithTheNextRevision() {
    ConsensusDayState state = fold(LIVE, null, ecb, erapi).state();
    Map<String, ConsensusRate> live = lastByPair(fold(LIVE, null, ecb, erapi).changed());
    assertThat(live.get("EUR/USD").getStatus()).isEqualTo(ConsensusStatus.DISPUTED);
    assertThat(live.get("EUR/USD").getRevision()).isEqualTo(2);

    // a wider tolerance: USD's spread now agrees, GBP stays as it was
    ConsensusDay wider =
        new ConsensusDay(
            new Consensus(
                new ConsensusSettings(
                    2, new BigDecimal("400"), BigDecimal.TEN, new BigDecimal("500"))));
    ConsensusDay.Step replayed = wider.apply(state, ecb);
    assertThat(replayed.changed())
        .extracting(r -> r.getBase() + "/" + r.getQuote())
        .containsExactly("EUR/USD");
    assertThat(replayed.changed().getFirst().getStatus()).isEqualTo(ConsensusStatus.CONSENSUS);
    assertThat(replayed.changed().getFirst().getRevision()).isEqualTo(3);

    // the other answer of the day read again under the same new rules: the day is decided already
    assertThat(wider.apply(replayed.state(), erapi).changed()).isEmpty();
    // and a later answer counts on from the replayed revision
    RateObservations boc = answer("boc", "BOC", 2, "1.1800", "0.8701");
    Map<String, ConsensusRate> after = lastByPair(wider.apply(replayed.state(), boc).changed());
    assertThat(after.get("EUR/USD").getRevision()).isEqualTo(4);
    assertThat(after.get("EUR/GBP").getRevision()).isEqualTo(3);
  }

  @Test
  void aReplayWindowLeavesOtherDatesAlone() {
    ConsensusDayState state = fold(LIVE, null, ecb, erapi).state();
    ConsensusDay wider =
        new ConsensusDay(
            new Consensus(
                new ConsensusSettings(
                    2, new BigDecimal("400"), BigDecimal.TEN, new BigDecimal("500"))),
            List.of(),
            new ReplayScope(DAY.plusDays(1), null, false));

    assertThat(wider.apply(state, ecb).changed()).isEmpty();
  }

  @Test
  void aRepublishingReplayPublishesEveryPairOnceAtTheDaysLastAnswerWithTheRevisionItHas() {
    ConsensusDay.Step live = fold(LIVE, null, ecb, erapi);
    Map<String, ConsensusRate> current = lastByPair(live.changed());
    ConsensusDay republish =
        new ConsensusDay(
            new Consensus(ConsensusSettings.defaults()),
            List.of(),
            new ReplayScope(null, null, true));

    assertThat(republish.apply(live.state(), ecb).changed()).isEmpty(); // not the day's last answer
    ConsensusDay.Step last = republish.apply(live.state(), erapi);
    assertThat(lastByPair(last.changed())).isEqualTo(current);
    assertThat(last.stateChanged()).isFalse();
  }

  @Test
  void anAnswerValidationNowReadsDifferentlyChangesItsPairsWithTheNextRevision() {
    ConsensusDayState state = fold(LIVE, null, ecb, erapi).state();
    RateObservations reread =
        RateObservations.newBuilder(erapi)
            .setRates(List.of(new Observation("GBP", "0.8702", "0.8702", null)))
            .build(); // USD now rejected by validation

    Map<String, ConsensusRate> changed = lastByPair(LIVE.apply(state, reread).changed());
    assertThat(changed.keySet()).containsExactly("EUR/USD");
    assertThat(changed.get("EUR/USD").getStatus()).isEqualTo(ConsensusStatus.SINGLE_SOURCE);
    assertThat(changed.get("EUR/USD").getRevision()).isEqualTo(3);
  }

  private static ConsensusDay.Step fold(
      ConsensusDay day, ConsensusDayState state, RateObservations... answers) {
    ConsensusDay.Step step = new ConsensusDay.Step(state, List.of(), false);
    List<ConsensusRate> all = new java.util.ArrayList<>();
    for (RateObservations answer : answers) {
      step = day.apply(step.state(), answer);
      all.addAll(step.changed());
    }
    return new ConsensusDay.Step(step.state(), all, true);
  }

  private static Map<String, ConsensusRate> lastByPair(List<ConsensusRate> rates) {
    Map<String, ConsensusRate> last = new TreeMap<>();
    rates.forEach(r -> last.put(r.getBase() + "/" + r.getQuote(), r));
    return last;
  }

  private static RateObservations answer(
      String source, String group, int minute, String usd, String gbp) {
    return RateObservations.newBuilder()
        .setDate(DAY)
        .setSourceId(source)
        .setIndependenceGroup(group)
        .setExtractionId(UUID.randomUUID())
        .setExtractedAt(Instant.parse("2026-09-25T15:00:00Z").plusSeconds(60L * minute))
        .setBronze(new BronzeCoordinates("fx.bronze.extractions.v1", 0, (long) minute))
        .setProviderBase("EUR")
        .setRates(
            List.of(new Observation("GBP", gbp, gbp, null), new Observation("USD", usd, usd, null)))
        .build();
  }
}
