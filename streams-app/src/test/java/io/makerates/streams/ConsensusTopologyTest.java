package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Contribution;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every consensus status, the outlier rule and the derived USD base, through the topology. */
class ConsensusTopologyTest {

  @TempDir Path stateDir;
  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness = new TopologyHarness(stateDir, RatesSettings.defaults()); // EUR pivot and derived USD
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void threeIndependentSourcesAgreeAndAVoiceTenPercentOffIsRejectedAsAnOutlier() {
    harness.pipe(answer("frankfurter", "\"USD\":1.1702,\"JPY\":172.45", 0));
    harness.pipe(
        answer("boc", "\"USD\":1.2872,\"JPY\":172.52", 1)); // USD 10% off: two voices, a dispute
    harness.pipe(
        answer("exchangerate-api", "\"USD\":1.1710,\"JPY\":172.60", 2)); // the third sets boc aside

    Map<String, ConsensusRate> last = last();
    ConsensusRate usd = last.get("2026-09-25/EUR/USD");
    assertThat(usd.getStatus()).isEqualTo(ConsensusStatus.CONSENSUS);
    assertThat(usd.getRate()).isEqualTo("1.1706");
    assertThat(usd.getSourceCount()).isEqualTo(2);
    assertThat(usd.getContributions())
        .extracting(
            Contribution::getSourceId, Contribution::getAccepted, Contribution::getRejectionReason)
        .contains(
            tuple("boc", false, "OUTLIER"),
            tuple("frankfurter", true, null),
            tuple("exchangerate-api", true, null));
    assertThat(last.get("2026-09-25/EUR/JPY").getStatus()).isEqualTo(ConsensusStatus.CONSENSUS);
    assertThat(last.get("2026-09-25/EUR/JPY").getSourceCount()).isEqualTo(3);
    assertThat(last.get("2026-09-25/EUR/JPY").getRevision()).isEqualTo(3);
    assertThat(harness.metric("rates-total", null, null))
        .isEqualTo(
            harness.metric("rates-total", "status", "CONSENSUS")
                + harness.metric("rates-total", "status", "SINGLE_SOURCE")
                + harness.metric("rates-total", "status", "DISPUTED"));
    assertThat(harness.metric("rates-total", "status", "CONSENSUS")).isPositive();
    // three observations, each changing the day's 2 EUR pairs and 2 derived USD ones
    assertThat(harness.metric("rates-total", null, null)).isEqualTo(12.0);
    assertThat(harness.metric("spread-bps-count", null, null)).isEqualTo(6.0);
    assertThat(harness.metric("spread-bps-sum", null, null)).isGreaterThan(0.0);
  }

  @Test
  void anObservationSetAsideIsANewRevisionAndOneAboutAnotherPairChangesNothingForIt() {
    harness.pipe(answer("frankfurter", "\"USD\":1.1702,\"GBP\":0.8700", 0));
    harness.pipe(answer("exchangerate-api", "\"USD\":1.1710", 1)); // says nothing about GBP
    harness.pipe(
        answer("boc", "\"USD\":1.2872", 2)); // set aside: USD keeps its value, status and voices

    List<KeyValue<String, ConsensusRate>> published = harness.rates();
    Map<String, List<Integer>> revisions = revisionsByKey(published);
    Map<String, ConsensusRate> last = RevisionLedger.check(published);
    // revision 3 has USD's value, status and voices of revision 2 and boc's voice set aside in its
    // lineage: a number names one record; GBP, which boc did not quote, publishes nothing
    assertThat(revisions)
        .containsEntry("2026-09-25/EUR/USD", List.of(1, 2, 3))
        .containsEntry("2026-09-25/EUR/GBP", List.of(1))
        .containsEntry(
            "2026-09-25/USD/GBP", List.of(1, 2, 3)) // its USD leg changed, then its lineage
        .containsEntry("2026-09-25/USD/EUR", List.of(1, 2, 3));
    assertThat(last.get("2026-09-25/EUR/USD").getRate()).isEqualTo("1.1706");
    assertThat(last.get("2026-09-25/EUR/USD").getContributions())
        .extracting(Contribution::getSourceId, Contribution::getRejectionReason)
        .contains(tuple("boc", "OUTLIER"));
  }

  @Test
  void aNewAnswerRepeatingAValueLeavesThatPairAsItWasWithItsFirstExtractionAsLineage() {
    BronzeExtraction morning = answer("exchangerate-api", "\"USD\":1.1702,\"JPY\":172.45", 0);
    harness.pipe(morning);
    harness.pipe(answer("exchangerate-api", "\"USD\":1.1702,\"JPY\":172.60", 60)); // JPY moved

    List<KeyValue<String, ConsensusRate>> published = harness.rates();
    Map<String, List<Integer>> revisions = revisionsByKey(published);
    Map<String, ConsensusRate> last = RevisionLedger.check(published);
    assertThat(revisions)
        .containsEntry("2026-09-25/EUR/USD", List.of(1))
        .containsEntry("2026-09-25/USD/EUR", List.of(1))
        .containsEntry("2026-09-25/EUR/JPY", List.of(1, 2))
        .containsEntry("2026-09-25/USD/JPY", List.of(1, 2));
    // USD/JPY's USD leg still names the morning's extraction, its JPY leg the later one
    assertThat(last.get("2026-09-25/USD/JPY").getContributions())
        .extracting(Contribution::getLeg, Contribution::getExtractionId)
        .contains(tuple("EUR/USD", morning.getExtractionId()))
        .doesNotContain(tuple("EUR/JPY", morning.getExtractionId()));
  }

  @Test
  void theSameAnswerExtractedTenTimesIsOneRevisionWithTheFirstExtractionAsLineage() {
    List<BronzeExtraction> extractions = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      extractions.add(
          answer(
              "frankfurter", "\"USD\":1.1702,\"JPY\":172.45", i * 60)); // every hour, same content
    }
    extractions.forEach(harness::pipe);

    List<ConsensusRate> published = harness.rates().stream().map(kv -> kv.value).toList();
    assertThat(published)
        .extracting(r -> r.getBase() + "/" + r.getQuote())
        .containsExactlyInAnyOrder("EUR/USD", "EUR/JPY", "USD/EUR", "USD/JPY");
    assertThat(published)
        .allSatisfy(
            r -> {
              assertThat(r.getRevision()).isEqualTo(1);
              assertThat(r.getContributions())
                  .extracting(Contribution::getExtractionId)
                  .containsOnly(extractions.getFirst().getExtractionId());
            });
  }

  @Test
  void twoSourcesApartBeyondTheToleranceAreDisputed() {
    harness.pipe(answer("frankfurter", "\"USD\":1.1700", 0));
    harness.pipe(
        answer(
            "exchangerate-api",
            "\"USD\":1.2100",
            1)); // each 168 bps from the median, tolerance 150

    ConsensusRate usd = last().get("2026-09-25/EUR/USD");
    assertThat(usd.getStatus()).isEqualTo(ConsensusStatus.DISPUTED);
    assertThat(usd.getRate()).isEqualTo("1.19");
    assertThat(new BigDecimal(usd.getSpreadBps())).isGreaterThan(new BigDecimal("300"));
  }

  @Test
  void oneSourceIsASingleSourceRate() {
    harness.pipe(answer("frankfurter", "\"USD\":1.1700", 0));

    assertThat(last().get("2026-09-25/EUR/USD").getStatus())
        .isEqualTo(ConsensusStatus.SINGLE_SOURCE);
  }

  @Test
  void derivedUsdRatesAreCrossRatesWithTheWeakerStatusOfTheirLegs() {
    harness.pipe(answer("frankfurter", "\"USD\":1.1700,\"JPY\":172.45,\"GBP\":0.8700", 0));
    harness.pipe(
        answer("exchangerate-api", "\"USD\":1.1702,\"JPY\":172.47", 1)); // GBP from one source only

    Map<String, ConsensusRate> last = last();
    ConsensusRate usdJpy = last.get("2026-09-25/USD/JPY");
    assertThat(usdJpy.getDerived()).isTrue();
    assertThat(usdJpy.getStatus()).isEqualTo(ConsensusStatus.CONSENSUS);
    assertThat(new BigDecimal(usdJpy.getRate()))
        .isEqualByComparingTo(
            new BigDecimal("172.46").divide(new BigDecimal("1.1701"), ConsensusDay.CROSS));
    // both legs' lineage, each voice naming the leg it quoted
    assertThat(usdJpy.getContributions())
        .extracting(Contribution::getLeg, Contribution::getSourceId, Contribution::getValue)
        .containsExactlyInAnyOrder(
            tuple("EUR/USD", "frankfurter", "1.1700"),
                tuple("EUR/USD", "exchangerate-api", "1.1702"),
            tuple("EUR/JPY", "frankfurter", "172.45"),
                tuple("EUR/JPY", "exchangerate-api", "172.47"));
    assertThat(last.get("2026-09-25/EUR/JPY").getContributions())
        .extracting(Contribution::getLeg)
        .containsOnly("EUR/JPY");
    assertThat(last.get("2026-09-25/USD/GBP").getStatus()).isEqualTo(ConsensusStatus.SINGLE_SOURCE);
    assertThat(new BigDecimal(last.get("2026-09-25/USD/EUR").getRate()))
        .isEqualByComparingTo(BigDecimal.ONE.divide(new BigDecimal("1.1701"), ConsensusDay.CROSS));
    assertThat(last.get("2026-09-25/EUR/USD").getDerived()).isFalse();
    assertThat(last).doesNotContainKey("2026-09-25/USD/USD");
  }

  private Map<String, ConsensusRate> last() {
    Map<String, ConsensusRate> last = new TreeMap<>();
    harness.rates().forEach(kv -> last.put(kv.key, kv.value));
    return last;
  }

  private static Map<String, List<Integer>> revisionsByKey(
      List<KeyValue<String, ConsensusRate>> published) {
    Map<String, List<Integer>> revisions = new TreeMap<>();
    published.forEach(
        kv ->
            revisions.computeIfAbsent(kv.key, k -> new ArrayList<>()).add(kv.value.getRevision()));
    return revisions;
  }

  private static BronzeExtraction answer(String sourceId, String rates, int minutesLater) {
    String body =
        "{\"amount\":1.0,\"base\":\"EUR\",\"date\":\"2026-09-25\",\"rates\":{" + rates + "}}";
    Instant at = Bronzes.EXTRACTED_AT.plusSeconds(60L * minutesLater);
    return Bronzes.answer(
        sourceId,
        body,
        at,
        UUID.nameUUIDFromBytes((sourceId + at).getBytes(StandardCharsets.UTF_8)));
  }
}
