package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Contribution;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConsensusTest {

  private final Consensus consensus = new Consensus(ConsensusSettings.defaults());

  @Test
  void oddCountTakesTheMiddleVoice() {
    Consensus.Decision d = decide(voice("a", "1.1700"), voice("b", "1.1720"), voice("c", "1.1710"));
    assertThat(d.rate()).isEqualByComparingTo("1.1710");
    assertThat(d.status()).isEqualTo(ConsensusStatus.CONSENSUS);
    assertThat(d.sourceCount()).isEqualTo(3);
  }

  @Test
  void evenCountTakesTheMeanOfTheMiddleTwo() {
    Consensus.Decision d =
        decide(
            voice("a", "1.1700"), voice("b", "1.1703"), voice("c", "1.1710"), voice("d", "1.1790"));
    assertThat(d.rate()).isEqualByComparingTo("1.17065");
  }

  @Test
  void voiceBeyondTheOutlierThresholdIsRejectedWithItsReason() {
    // median 1.1715, MAD 0.001 → k·MAD 0.01; floor 500 bps of the median = 0.0586, so 1.25 (0.0785
    // away) is out.
    Consensus.Decision d =
        decide(voice("a", "1.170"), voice("b", "1.171"), voice("c", "1.172"), voice("d", "1.25"));
    assertThat(d.contributions())
        .extracting(
            Contribution::getSourceId, Contribution::getAccepted, Contribution::getRejectionReason)
        .containsExactly(
            tuple("a", true, null),
            tuple("b", true, null),
            tuple("c", true, null),
            tuple("d", false, "OUTLIER"));
    assertThat(d.rate()).isEqualByComparingTo("1.171");
    assertThat(d.sourceCount()).isEqualTo(3);
    assertThat(d.high()).isEqualByComparingTo("1.172");
    assertThat(d.status()).isEqualTo(ConsensusStatus.CONSENSUS);
  }

  @Test
  void floorKeepsAVoiceThatIsFarInMadTermsButCloseInBps() {
    // MAD 0 would make any difference an outlier; the 500 bps floor keeps 1.18 (77 bps away).
    Consensus.Decision d = decide(voice("a", "1.171"), voice("b", "1.171"), voice("c", "1.18"));
    assertThat(d.contributions()).allSatisfy(c -> assertThat(c.getAccepted()).isTrue());
  }

  @Test
  void agreementIsJudgedOnTheSpreadNotOnEachVoicesDistanceFromTheMedian() {
    // 1.1660 and 1.2000: each 144 bps from their mean, within 150 bps, but 287 bps apart: the
    // record's own spread
    Consensus.Decision apart = decide(voice("a", "1.1660"), voice("b", "1.2000"));
    assertThat(apart.spreadBps()).isEqualByComparingTo("287.40");
    assertThat(apart.status()).isEqualTo(ConsensusStatus.DISPUTED);
    // 149 bps apart: within the tolerance
    Consensus.Decision close = decide(voice("a", "1.1825"), voice("b", "1.2002"));
    assertThat(close.spreadBps()).isLessThanOrEqualTo(new BigDecimal("150"));
    assertThat(close.status()).isEqualTo(ConsensusStatus.CONSENSUS);
  }

  @Test
  void twoVoicesApartMoreThanTheToleranceAreDisputed() {
    // 339 bps apart: beyond the 150 bps tolerance.
    Consensus.Decision d = decide(voice("a", "1.16"), voice("b", "1.20"));
    assertThat(d.status()).isEqualTo(ConsensusStatus.DISPUTED);
    assertThat(d.rate()).isEqualByComparingTo("1.18");
    assertThat(d.spreadBps()).isEqualByComparingTo("338.98");
    assertThat(d.low()).isEqualByComparingTo("1.16");
    assertThat(d.high()).isEqualByComparingTo("1.20");
  }

  @Test
  void spreadIsInBasisPointsOfTheMedianWithTwoDecimals() {
    Consensus.Decision d = decide(voice("a", "1.0000"), voice("b", "1.0003"), voice("c", "1.0001"));
    assertThat(d.spreadBps()).isEqualTo(new BigDecimal("3.00"));
    assertThat(d.status()).isEqualTo(ConsensusStatus.CONSENSUS);
  }

  @Test
  void oneVoiceIsSingleSource() {
    Consensus.Decision d = decide(voice("a", "172.45"));
    assertThat(d.status()).isEqualTo(ConsensusStatus.SINGLE_SOURCE);
    assertThat(d.spreadBps()).isEqualByComparingTo("0");
  }

  @Test
  void minSourcesAboveTheVoiceCountIsNotConsensus() {
    Consensus strict =
        new Consensus(
            new ConsensusSettings(3, new BigDecimal("150"), BigDecimal.TEN, new BigDecimal("500")));
    assertThat(
            strict.decide(List.of(voice("a", "1.17"), voice("b", "1.17"))).orElseThrow().status())
        .isEqualTo(ConsensusStatus.DISPUTED);
  }

  @Test
  void sameGroupCountsOnceWithItsLatestObservation() {
    Consensus.Voice older =
        new Consensus.Voice(
            "frankfurter",
            "ECB",
            new BigDecimal("1.10"),
            "1.10",
            UUID.randomUUID(),
            Instant.parse("2026-09-25T15:00:00Z"),
            coordinates());
    Consensus.Voice newer =
        new Consensus.Voice(
            "ecb",
            "ECB",
            new BigDecimal("1.20"),
            "1.20",
            UUID.randomUUID(),
            Instant.parse("2026-09-25T16:00:00Z"),
            coordinates());
    Consensus.Decision d = consensus.decide(List.of(older, newer)).orElseThrow();
    assertThat(d.status()).isEqualTo(ConsensusStatus.SINGLE_SOURCE);
    assertThat(d.rate()).isEqualByComparingTo("1.20");
  }

  @Test
  void orderOfVoicesDoesNotMatter() {
    List<Consensus.Voice> voices =
        new ArrayList<>(
            List.of(
                voice("a", "1.17"), voice("b", "1.19"), voice("c", "1.5"), voice("d", "1.171")));
    Consensus.Decision first = consensus.decide(voices).orElseThrow();
    Collections.reverse(voices);
    assertThat(consensus.decide(voices).orElseThrow()).isEqualTo(first);
  }

  private Consensus.Decision decide(Consensus.Voice... voices) {
    return consensus.decide(List.of(voices)).orElseThrow();
  }

  private static Consensus.Voice voice(String source, String value) {
    return new Consensus.Voice(
        source,
        source.toUpperCase(),
        new BigDecimal(value),
        value,
        UUID.nameUUIDFromBytes(source.getBytes()),
        Instant.parse("2026-09-25T15:00:00Z"),
        coordinates());
  }

  private static BronzeCoordinates coordinates() {
    return new BronzeCoordinates("fx.bronze.extractions.v1", 0, 7L);
  }
}
