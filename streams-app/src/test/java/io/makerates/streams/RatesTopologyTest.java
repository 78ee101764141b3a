package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Contribution;
import io.makerates.schema.HttpResponseRecord;
import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import io.makerates.schema.Rejection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatesTopologyTest {

  private static final LocalDate DAY = LocalDate.parse("2026-09-25");

  @TempDir Path stateDir;
  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness = new TopologyHarness(stateDir);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void frankfurterEurAnswerBecomesOneObservationAndSingleSourceRates() {
    BronzeExtraction bronze =
        Bronzes.answer("frankfurter", Bronzes.fixture("frankfurter-latest-eur.json"));
    harness.pipe(bronze);

    List<TestRecord<String, RateObservations>> observations =
        harness.observations.readRecordsToList();
    assertThat(observations).hasSize(1);
    assertThat(observations.getFirst().key()).isEqualTo("2026-09-25/frankfurter");
    RateObservations obs = observations.getFirst().value();
    assertThat(obs.getDate()).isEqualTo(DAY);
    assertThat(obs.getIndependenceGroup()).isEqualTo("ECB");
    assertThat(obs.getProviderBase()).isEqualTo("EUR");
    assertThat(obs.getExtractionId()).isEqualTo(bronze.getExtractionId());
    assertThat(obs.getBronze().getTopic()).isEqualTo("fx.bronze.extractions.v1");
    assertThat(obs.getBronze().getOffset()).isZero();
    assertThat(obs.getRates())
        .extracting(Observation::getQuote, Observation::getRate, Observation::getProviderRate)
        .containsExactly(
            tuple("AUD", "1.7712", "1.7712"),
            tuple("CHF", "0.9350", "0.9350"),
            tuple("GBP", "0.87215", "0.87215"),
            tuple("JPY", "172.45", "172.45"),
            tuple("USD", "1.1702", "1.1702"));

    List<KeyValue<String, ConsensusRate>> rates = harness.rates();
    assertThat(rates)
        .extracting(kv -> kv.key)
        .containsExactly(
            "2026-09-25/EUR/AUD",
            "2026-09-25/EUR/CHF",
            "2026-09-25/EUR/GBP",
            "2026-09-25/EUR/JPY",
            "2026-09-25/EUR/USD");
    assertThat(rates)
        .extracting(kv -> kv.value.getRate())
        .containsExactly("1.7712", "0.935", "0.87215", "172.45", "1.1702");
    ConsensusRate usd = rates.getLast().value;
    assertThat(usd.getStatus()).isEqualTo(ConsensusStatus.SINGLE_SOURCE);
    assertThat(usd.getRevision()).isEqualTo(1);
    assertThat(usd.getSourceCount()).isEqualTo(1);
    assertThat(usd.getSpreadBps()).isEqualTo("0.00");
    assertThat(usd.getConfidenceLow()).isEqualTo("1.1702");
    assertThat(usd.getConfidenceHigh()).isEqualTo("1.1702");
    assertThat(usd.getContributions())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getSourceId()).isEqualTo("frankfurter");
              assertThat(c.getExtractionId()).isEqualTo(bronze.getExtractionId());
              assertThat(c.getAccepted()).isTrue();
            });
    assertThat(harness.rejected.isEmpty()).isTrue();
  }

  @Test
  void bodyThatDoesNotMatchItsChecksumIsRejectedWhole() {
    BronzeExtraction bronze =
        Bronzes.answer("frankfurter", Bronzes.fixture("frankfurter-latest-eur.json"));
    byte[] tampered =
        Bronzes.fixture("frankfurter-latest-eur.json")
            .replace("1.1702", "1.2702")
            .getBytes(StandardCharsets.UTF_8);
    bronze.getResponse().setBody(ByteBuffer.wrap(tampered));
    harness.pipe(bronze);

    assertThat(harness.observations.isEmpty()).isTrue();
    assertThat(harness.rates.isEmpty()).isTrue();
    TestRecord<String, Rejection> rejection = harness.rejected.readRecord();
    assertThat(rejection.key()).isEqualTo("frankfurter");
    assertThat(rejection.value().getReasonCode()).isEqualTo("CHECKSUM_MISMATCH");
    assertThat(rejection.value().getStage()).isEqualTo("streams-validate");
    assertThat(rejection.value().getExtractionId()).isEqualTo(bronze.getExtractionId().toString());
    assertThat(rejection.value().getInputTopic()).isEqualTo("fx.bronze.extractions.v1");
    assertThat(rejection.value().getInputOffset()).isZero();
    assertThat(rejection.value().getRejectedAt()).isEqualTo(bronze.getExtractedAt());
    assertThat(harness.rejected.isEmpty()).isTrue();
  }

  @Test
  void badCurrenciesAreRejectedOneByOneAndTheGoodOnesPass() {
    harness.pipe(Bronzes.answer("frankfurter", Bronzes.fixture("frankfurter-partly-bad.json")));

    assertThat(harness.observations.readValue().getRates())
        .extracting(Observation::getQuote, Observation::getRate)
        .containsExactly(tuple("CHF", "0.9350"), tuple("GBP", "0.87215"), tuple("USD", "1.1702"));
    assertThat(harness.rejected.readValuesToList())
        .extracting(Rejection::getCurrency, Rejection::getReasonCode)
        .containsExactlyInAnyOrder(
            tuple("JPY", "NON_POSITIVE_RATE"),
            tuple("XAU", "NON_POSITIVE_RATE"),
            tuple("usd", "NON_ISO_CURRENCY"),
            tuple("NOK", "UNPARSEABLE"));
    assertThat(harness.rates())
        .extracting(kv -> kv.key)
        .containsExactly("2026-09-25/EUR/CHF", "2026-09-25/EUR/GBP", "2026-09-25/EUR/USD");
  }

  @Test
  void usdBasedAnswerIsRebasedToEurWithItsOwnEurRate() {
    harness.pipe(
        Bronzes.answer("exchangerate-api", Bronzes.fixture("frankfurter-latest-usd.json")));

    RateObservations obs = harness.observations.readValue();
    assertThat(obs.getProviderBase()).isEqualTo("USD");
    assertThat(obs.getPivot()).isEqualTo("EUR");
    assertThat(obs.getIndependenceGroup()).isEqualTo("ERAPI");
    assertThat(obs.getRates())
        .extracting(Observation::getQuote, Observation::getRate, Observation::getProviderRate)
        .containsExactly(
            tuple("GBP", "0.83333333333333333333", "0.75"),
            tuple("JPY", "166.66666666666666667", "150"),
            tuple("USD", "1.1111111111111111111", "0.9"));
  }

  @Test
  void rangeAnswerGivesOneObservationPerDay() {
    BronzeExtraction range =
        Bronzes.answer("frankfurter", Bronzes.fixture("frankfurter-range-eur.json"));
    range.setRequestedFrom(
        java.time.LocalDate.of(2025, 1, 2)); // a backfill's range request, not a stale "latest"
    range.setRequestedTo(java.time.LocalDate.of(2025, 1, 3));
    harness.pipe(range);

    assertThat(harness.observations.readKeyValuesToList())
        .extracting(kv -> kv.key)
        .containsExactly("2025-01-02/frankfurter", "2025-01-03/frankfurter");
    assertThat(harness.rates())
        .extracting(kv -> kv.key, kv -> kv.value.getRate())
        .containsExactly(
            tuple("2025-01-02/EUR/GBP", "0.82748"), tuple("2025-01-02/EUR/USD", "1.0321"),
            tuple("2025-01-03/EUR/GBP", "0.8299"), tuple("2025-01-03/EUR/USD", "1.0299"));
  }

  @Test
  void failedAttemptsAreRejectedNotDropped() {
    UUID timeoutId = UUID.randomUUID();
    harness.pipe(
        Bronzes.builder("frankfurter", Bronzes.EXTRACTED_AT, timeoutId)
            .setErrorCode("TIMEOUT")
            .setErrorMessage("request timed out after 10s")
            .build());
    byte[] notFound = "{\"message\":\"not found\"}".getBytes(StandardCharsets.UTF_8);
    harness.pipe(
        Bronzes.builder("frankfurter", Bronzes.EXTRACTED_AT, UUID.randomUUID())
            .setResponse(
                new HttpResponseRecord(
                    404,
                    Map.of(),
                    ByteBuffer.wrap(notFound),
                    "application/json",
                    (long) notFound.length,
                    io.makerates.runtime.Checksums.sha256Hex(notFound)))
            .setErrorCode("HTTP_4XX")
            .build());
    harness.pipe(Bronzes.answer("frankfurter", "{\"message\":\"rate limit\"}"));
    harness.pipe(Bronzes.answer("frankfurter", "<html>maintenance</html>"));
    harness.pipe(
        Bronzes.answer(
            "frankfurter",
            "{\"amount\":1.0,\"base\":\"EUR\",\"date\":\"2026-09-28\",\"rates\":{\"USD\":1.17}}"));

    assertThat(harness.rejected.readValuesToList())
        .extracting(Rejection::getReasonCode, Rejection::getInputOffset)
        .containsExactly(
            tuple("EXTRACTION_FAILED", 0L),
            tuple("HTTP_ERROR", 1L),
            tuple("PROVIDER_ERROR", 2L),
            tuple("UNPARSEABLE", 3L),
            tuple("FUTURE_DATE", 4L));
    assertThat(harness.observations.isEmpty()).isTrue();
  }

  @Test
  void independentSourcesAgreeingMakeConsensusAndANewMedianBumpsTheRevision() {
    harness.pipe(usdAnswer("frankfurter", "1.1702", 0));
    harness.pipe(usdAnswer("exchangerate-api", "1.1710", 1));
    harness.pipe(usdAnswer("boc", "1.1800", 2));

    List<ConsensusRate> usd = harness.rates().stream().map(kv -> kv.value).toList();
    assertThat(usd)
        .extracting(
            ConsensusRate::getRevision,
            ConsensusRate::getStatus,
            ConsensusRate::getRate,
            ConsensusRate::getSourceCount,
            ConsensusRate::getSpreadBps)
        .containsExactly(
            tuple(1, ConsensusStatus.SINGLE_SOURCE, "1.1702", 1, "0.00"),
            tuple(2, ConsensusStatus.CONSENSUS, "1.1706", 2, "6.83"),
            tuple(3, ConsensusStatus.CONSENSUS, "1.171", 3, "83.69"));
    assertThat(usd.getLast().getContributions())
        .extracting(Contribution::getSourceId, Contribution::getIndependenceGroup)
        .containsExactly(
            tuple("boc", "BOC"), tuple("exchangerate-api", "ERAPI"), tuple("frankfurter", "ECB"));
    assertThat(usd.getLast().getConfidenceLow()).isEqualTo("1.1702");
    assertThat(usd.getLast().getConfidenceHigh()).isEqualTo("1.18");
  }

  @Test
  void sourcesOfOneIndependenceGroupAreOneVoice() {
    harness.pipe(usdAnswer("frankfurter", "1.1702", 0));
    harness.pipe(usdAnswer("ecb", "1.1750", 1));

    ConsensusRate last = harness.rates().getLast().value;
    assertThat(last.getStatus()).isEqualTo(ConsensusStatus.SINGLE_SOURCE);
    assertThat(last.getRate()).isEqualTo("1.175");
    assertThat(last.getRevision()).isEqualTo(2);
    assertThat(last.getContributions())
        .extracting(
            Contribution::getSourceId, Contribution::getAccepted, Contribution::getRejectionReason)
        .containsExactly(
            tuple("ecb", true, null), tuple("frankfurter", false, "SUPERSEDED_IN_GROUP"));
  }

  @Test
  void aReplayedAnswerChangesNothingAndALateOlderOneKeepsTheLatestValue() {
    BronzeExtraction answer = usdAnswer("frankfurter", "1.1702", 0);
    harness.pipe(answer);
    harness.pipe(answer);
    harness.pipe(usdAnswer("frankfurter", "1.1690", -60)); // an older extraction arriving late

    assertThat(harness.observations.readValuesToList()).hasSize(3);
    // the repeat changes nothing; the late one rewrites the day's timeline (1.1690 first, then
    // 1.1702), but the newer extraction still decides the value with the same lineage: the record
    // is the one published, so nothing is published again
    assertThat(harness.rates())
        .extracting(kv -> kv.value.getRevision(), kv -> kv.value.getRate())
        .containsExactly(tuple(1, "1.1702"));
  }

  @Test
  void anotherSourceAgreeingExactlyRepublishesTheLineageWithANewRevision() {
    harness.pipe(usdAnswer("frankfurter", "1.1702", 0));
    harness.pipe(usdAnswer("exchangerate-api", "1.1702", 1));

    List<ConsensusRate> usd = harness.rates().stream().map(kv -> kv.value).toList();
    assertThat(usd)
        .extracting(
            ConsensusRate::getRevision,
            ConsensusRate::getStatus,
            ConsensusRate::getRate,
            ConsensusRate::getSourceCount)
        .containsExactly(
            tuple(1, ConsensusStatus.SINGLE_SOURCE, "1.1702", 1),
            tuple(2, ConsensusStatus.CONSENSUS, "1.1702", 2));
    assertThat(usd.getLast().getContributions()).hasSize(2);
  }

  private static BronzeExtraction usdAnswer(String sourceId, String usd, int minutesLater) {
    String body =
        "{\"amount\":1.0,\"base\":\"EUR\",\"date\":\"2026-09-25\",\"rates\":{\"USD\":" + usd + "}}";
    Instant at = Bronzes.EXTRACTED_AT.plusSeconds(60L * minutesLater);
    return Bronzes.answer(
        sourceId,
        body,
        at,
        UUID.nameUUIDFromBytes((sourceId + at).getBytes(StandardCharsets.UTF_8)));
  }
}
