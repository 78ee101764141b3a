package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.Contribution;
import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import io.makerates.schema.VoiceFlag;
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
 * An answer that quotes no EUR (NBP's Table B, in PLN) votes through the EUR rate of its home
 * currency that its own group gives that day (NBP's Table A), and only then.
 */
class GroupLegConsensusTest {

  private static final LocalDate DAY = LocalDate.parse("2026-03-04");
  private static final ConsensusDay DAYS =
      new ConsensusDay(new Consensus(ConsensusSettings.defaults()));

  /** Table B: PLN→AED and PLN→KES, against PLN. */
  private final RateObservations tableB =
      answer(
          "nbp-b",
          "NBP",
          "PLN",
          1,
          new Observation("AED", "0.99820", "0.99820", null),
          new Observation("KES", "35.2", "35.2", null));

  /** Table A: EUR→PLN 4.2 (and EUR→USD), against EUR. */
  private final RateObservations tableA =
      answer(
          "nbp",
          "NBP",
          "EUR",
          2,
          new Observation("PLN", "4.2", "0.23809523809523809524", null),
          new Observation("USD", "1.16", "3.6206896551724137931", null));

  @Test
  void withoutItsGroupsLegTheAnswerWaitsAndVotesOnceTheLegArrives() {
    ConsensusDay.Step alone = DAYS.apply(ConsensusDay.empty(), tableB);
    assertThat(alone.changed()).isEmpty();

    ConsensusDay.Step both = DAYS.apply(alone.state(), tableA);
    Map<String, ConsensusRate> rates = byPair(both.changed());
    // EUR→AED = EUR→PLN × PLN→AED
    assertThat(new BigDecimal(rates.get("EUR/AED").getRate()))
        .isEqualByComparingTo(new BigDecimal("4.2").multiply(new BigDecimal("0.99820")));
    Contribution voice = rates.get("EUR/AED").getContributions().getFirst();
    assertThat(voice.getSourceId()).isEqualTo("nbp-b");
    assertThat(voice.getExtractionId()).isEqualTo(tableB.getExtractionId());
    assertThat(new BigDecimal(voice.getValue())).isEqualByComparingTo("4.19244");
    assertThat(rates.get("EUR/KES").getRate()).isEqualTo("147.84");
    assertThat(rates).containsKeys("EUR/PLN", "EUR/USD");
  }

  @Test
  void anotherGroupsEurRateOfTheHomeCurrencyIsNoLeg() {
    RateObservations ecb =
        answer("ecb", "ECB", "EUR", 0, new Observation("PLN", "4.21", "4.21", null));

    ConsensusDayState state = DAYS.apply(ConsensusDay.empty(), ecb).state();
    ConsensusDay.Step withB = DAYS.apply(state, tableB);

    assertThat(withB.changed()).isEmpty();
  }

  @Test
  void aNewTableAMovesTheVoicesItCarriesAndAFlagsReferenceTravelsWithThem() {
    RateObservations flagged =
        answer(
            "nbp-b",
            "NBP",
            "PLN",
            1,
            new Observation(
                "AED", "1.2", "1.2", new VoiceFlag("JUMP", "1.0", "AED jumped 20 % over PLN")));
    ConsensusDayState state = DAYS.apply(ConsensusDay.empty(), flagged).state();
    state = DAYS.apply(state, tableA).state();
    RateObservations laterA =
        answer("nbp", "NBP", "EUR", 3, new Observation("PLN", "4.3", "0.2325", null));

    Map<String, ConsensusRate> rates = byPair(DAYS.apply(state, laterA).changed());

    ConsensusRate aed = rates.get("EUR/AED");
    assertThat(aed.getRate()).isEqualTo("5.16");
    assertThat(aed.getRevision()).isEqualTo(2);
    assertThat(aed.getFlags()).containsExactly("UNCONFIRMED_JUMP");
  }

  private static Map<String, ConsensusRate> byPair(List<ConsensusRate> rates) {
    Map<String, ConsensusRate> last = new TreeMap<>();
    rates.forEach(r -> last.put(r.getBase() + "/" + r.getQuote(), r));
    return last;
  }

  private static RateObservations answer(
      String source, String group, String pivot, int minute, Observation... rates) {
    return RateObservations.newBuilder()
        .setDate(DAY)
        .setSourceId(source)
        .setIndependenceGroup(group)
        .setExtractionId(UUID.randomUUID())
        .setExtractedAt(Instant.parse("2026-03-04T12:00:00Z").plusSeconds(60L * minute))
        .setBronze(new BronzeCoordinates("fx.bronze.extractions.v1", 0, (long) minute))
        .setProviderBase("PLN")
        .setPivot(pivot)
        .setRates(List.of(rates))
        .build();
  }
}
