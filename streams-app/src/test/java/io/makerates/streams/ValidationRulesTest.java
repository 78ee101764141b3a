package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.Rejection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule (README, "How a rate is decided") through the topology: the bad part of an
 * answer goes to the rejects topic with its reason code, the good rates of the same answer still
 * pass. Answers are extracted on 2026-09-25.
 */
class ValidationRulesTest {

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

  static Stream<Arguments> partlyBadAnswers() {
    return Stream.of(
        Arguments.of("NON_ISO_CURRENCY", "FOK", "\"FOK\":7.46,\"USD\":1.17"),
        Arguments.of(
            "RETIRED_CURRENCY", "BGN", "\"BGN\":1.95583,\"USD\":1.17"), // retired 2026-01-01
        Arguments.of(
            "RETIRED_CURRENCY", "HRK", "\"HRK\":7.5345,\"USD\":1.17"), // retired 2023-01-01
        Arguments.of("NON_POSITIVE_RATE", "JPY", "\"JPY\":0,\"USD\":1.17"),
        Arguments.of("NON_POSITIVE_RATE", "JPY", "\"JPY\":-172.4,\"USD\":1.17"),
        Arguments.of("NON_FINITE_RATE", "JPY", "\"JPY\":\"Infinity\",\"USD\":1.17"),
        Arguments.of("NON_FINITE_RATE", "JPY", "\"JPY\":\"NaN\",\"USD\":1.17"),
        Arguments.of("UNPARSEABLE", "JPY", "\"JPY\":\"n/a\",\"USD\":1.17"),
        Arguments.of("OUT_OF_BOUNDS", "JPY", "\"JPY\":172450000,\"USD\":1.17"),
        Arguments.of("OUT_OF_BOUNDS", "KWD", "\"KWD\":0.00003,\"USD\":1.17"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("partlyBadAnswers")
  void aBadRateIsRejectedWithItsReasonAndTheGoodOnePasses(
      String reason, String currency, String rates) {
    harness.pipe(
        frankfurter(
            "{\"amount\":1.0,\"base\":\"EUR\",\"date\":\"2026-09-25\",\"rates\":{" + rates + "}}"));

    assertThat(harness.rejected.readValuesToList())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getReasonCode()).isEqualTo(reason);
              assertThat(r.getCurrency()).isEqualTo(currency);
              assertThat(r.getStage()).isEqualTo(BronzeValidator.STAGE);
              assertThat(r.getInputTopic()).isEqualTo("fx.bronze.extractions.v1");
            });
    assertThat(harness.rates())
        .extracting(kv -> kv.key, kv -> kv.value.getRate())
        .containsExactly(tuple("2026-09-25/EUR/USD", "1.17"));
    assertThat(harness.metric("rejections-total", "reason", reason)).isEqualTo(1.0);
  }

  static Stream<Arguments> wholeAnswerRejections() {
    return Stream.of(
        Arguments.of(
            "FUTURE_DATE",
            frankfurter("{\"base\":\"EUR\",\"date\":\"2026-09-28\",\"rates\":{\"USD\":1.17}}")),
        Arguments.of(
            "STALE_LATEST",
            frankfurter("{\"base\":\"EUR\",\"date\":\"2026-09-18\",\"rates\":{\"USD\":1.17}}")),
        Arguments.of(
            "BASE_MISSING", frankfurter("{\"date\":\"2026-09-25\",\"rates\":{\"USD\":1.17}}")),
        Arguments.of(
            "PIVOT_MISSING",
            frankfurter("{\"base\":\"USD\",\"date\":\"2026-09-25\",\"rates\":{\"JPY\":147.2}}")),
        Arguments.of(
            "UNPARSEABLE",
            frankfurter("{\"base\":\"EUR\",\"date\":\"2026-09-25\",\"rates\":{\"USD\":1.1")),
        Arguments.of("UNKNOWN_FORMAT", frankfurter("[1, 2, 3]")),
        Arguments.of("UNKNOWN_FORMAT", withType(frankfurter("{}"), "carrier-pigeon")),
        Arguments.of("PROVIDER_ERROR", frankfurter("{\"message\":\"not found\"}")),
        Arguments.of(
            "EMPTY_ANSWER", frankfurter("{\"base\":\"EUR\",\"date\":\"2026-09-25\",\"rates\":{}}")),
        Arguments.of(
            "CHECKSUM_MISMATCH",
            tampered(
                frankfurter(
                    "{\"base\":\"EUR\",\"date\":\"2026-09-25\",\"rates\":{\"USD\":1.17}}"))),
        Arguments.of("HTTP_ERROR", withStatus(frankfurter("{\"message\":\"busy\"}"), 503)),
        Arguments.of("EXTRACTION_FAILED", failed()),
        Arguments.of("PROVIDER_ERROR", flagged(frankfurter("<html>Service unavailable</html>"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wholeAnswerRejections")
  void anAnswerThatCannotBeUsedIsRejectedWholeAndNothingIsLost(
      String reason, BronzeExtraction bronze) {
    harness.pipe(bronze);

    List<Rejection> rejected = harness.rejected.readValuesToList();
    assertThat(rejected)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getReasonCode()).isEqualTo(reason);
              assertThat(r.getExtractionId()).isEqualTo(bronze.getExtractionId().toString());
              assertThat(r.getDetail()).isNotBlank();
            });
    assertThat(harness.observations.readValuesToList()).isEmpty();
    assertThat(harness.rates()).isEmpty();
  }

  @Test
  void aRangeRequestIsNeverStaleAndARetiredCodeIsFineBeforeItsTerminalDate() {
    BronzeExtraction history =
        frankfurter(
            "{\"base\":\"EUR\",\"start_date\":\"2025-12-30\",\"end_date\":\"2026-01-02\","
                + "\"rates\":{\"2025-12-31\":{\"BGN\":1.95583},\"2026-01-02\":{\"BGN\":1.95583,\"USD\":1.03}}}");
    history.setRequestedFrom(java.time.LocalDate.of(2025, 12, 30));
    history.setRequestedTo(java.time.LocalDate.of(2026, 1, 2));

    harness.pipe(history);

    assertThat(harness.rates())
        .extracting(kv -> kv.key)
        .containsExactly("2025-12-31/EUR/BGN", "2026-01-02/EUR/USD");
    assertThat(harness.rejected.readValuesToList())
        .extracting(Rejection::getReasonCode, Rejection::getCurrency)
        .containsExactly(tuple("RETIRED_CURRENCY", "BGN"));
  }

  @Test
  void aFreshLatestAnswerSkipsTheOldDaysItCarriesWithoutRejectingThem() {
    // a whole-history file or a window asked as "latest": its newest day is the news
    harness.pipe(
        frankfurter(
            "{\"base\":\"EUR\",\"start_date\":\"2024-01-02\",\"end_date\":\"2026-09-25\","
                + "\"rates\":{\"2024-01-02\":{\"USD\":1.09},\"2026-09-18\":{\"USD\":1.16},"
                + "\"2026-09-25\":{\"USD\":1.17}}}"));

    assertThat(harness.rates()).extracting(kv -> kv.key).containsExactly("2026-09-25/EUR/USD");
    assertThat(harness.rejected.readValuesToList()).isEmpty();
  }

  private static BronzeExtraction frankfurter(String body) {
    return Bronzes.answer(
        "frankfurter",
        body,
        Bronzes.EXTRACTED_AT,
        UUID.nameUUIDFromBytes(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static BronzeExtraction withType(BronzeExtraction bronze, String type) {
    bronze.setSourceType(type);
    return bronze;
  }

  private static BronzeExtraction withStatus(BronzeExtraction bronze, int status) {
    bronze.getResponse().setStatus(status);
    return bronze;
  }

  private static BronzeExtraction tampered(BronzeExtraction bronze) {
    byte[] other =
        "{\"base\":\"EUR\",\"date\":\"2026-09-25\",\"rates\":{\"USD\":9.99}}"
            .getBytes(StandardCharsets.UTF_8);
    bronze
        .getResponse()
        .setBody(ByteBuffer.wrap(other)); // the recorded checksum is the original body's
    return bronze;
  }

  private static BronzeExtraction flagged(BronzeExtraction bronze) {
    bronze.setErrorCode("MALFORMED_BODY");
    bronze.setErrorMessage("HTTP 200: an HTML or XML page");
    return bronze;
  }

  private static BronzeExtraction failed() {
    return Bronzes.builder("frankfurter", Bronzes.EXTRACTED_AT, UUID.randomUUID())
        .setErrorCode("TIMEOUT")
        .setErrorMessage("no complete answer within 30000 ms")
        .build();
  }
}
