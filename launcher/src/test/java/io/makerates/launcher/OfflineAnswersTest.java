package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.extractor.SourceConfig;
import io.makerates.extractor.source.RateSources;
import io.makerates.runtime.Checksums;
import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ExtractionTrigger;
import io.makerates.schema.HttpRequestRecord;
import io.makerates.schema.HttpResponseRecord;
import io.makerates.schema.SourceTier;
import io.makerates.sources.RateSource;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.SourceTypes;
import io.makerates.streams.BronzeValidator;
import io.makerates.streams.IndependenceGroups;
import io.makerates.streams.Parsers;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline stub serves every source type of the build, in its own format: the type's real
 * adapter asks, streams-app's real validator reads the answer, and every currency of it becomes an
 * EUR rate near the sample's, none rejected.
 */
class OfflineAnswersTest {

  /** A Thursday: every bank publishes. */
  private static final Instant NOW = Instant.parse("2026-03-12T18:00:00Z");

  private static OfflineSourceStub stub;

  @BeforeAll
  static void start() {
    stub = new OfflineSourceStub(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() {
    stub.close();
  }

  @Test
  void theStubServesOnlyTypesOfTheBuild() {
    assertThat(SourceTypes.byId()).containsKeys(OfflineSourceStub.SERVED.toArray(String[]::new));
  }

  @Test
  void everyTypesLatestAnswerBecomesEurRatesNearTheSample() throws Exception {
    for (String type : OfflineSourceStub.SERVED) {
      var validation = validate(type, adapter(type).latest());
      assertThat(validation.rejections()).as(type).isEmpty();
      // a latest answer holds the day (BoE's: a window of days ending with it)
      assertThat(validation.observations())
          .as(type)
          .isNotEmpty()
          .last()
          .satisfies(o -> assertThat(o.getDate()).isEqualTo(LocalDate.parse("2026-03-12")));
      assertThat(validation.observations())
          .as(type)
          .allSatisfy(
              o -> {
                assertThat(o.getRates())
                    .hasSizeGreaterThanOrEqualTo(7)
                    .allSatisfy(
                        rate -> {
                          BigDecimal ratio =
                              new BigDecimal(rate.getRate())
                                  .divide(sample(rate.getQuote()), java.math.MathContext.DECIMAL64);
                          // a few basis points apart, or the day's one voice that is off (4 %) or
                          // NBP's PHP (2-3 %)
                          assertThat(ratio)
                              .as(type + " " + rate.getQuote())
                              .isBetween(new BigDecimal("0.95"), new BigDecimal("1.05"));
                        });
              });
    }
  }

  @Test
  void aRangeHoldsTheBanksBusinessDaysOnly() throws Exception {
    var validation =
        validate(
            "cnb",
            adapter("cnb").range(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-12")));
    assertThat(validation.observations())
        .extracting(o -> o.getDate().getDayOfWeek().getValue())
        .allMatch(d -> d <= 5);
    assertThat(
            validate(
                    "nbp",
                    adapter("nbp")
                        .range(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-06")))
                .observations())
        .hasSize(5);
  }

  private static BigDecimal sample(String currency) {
    return stub.referenceRate(currency);
  }

  private static RateSource adapter(String type) {
    if (type.equals("boe")) { // its "latest" is a window ending today: the test's today
      return new io.makerates.sources.boe.BankOfEnglandSource(
          URI.create(stub.baseUrl(type)), Clock.fixed(NOW, ZoneOffset.UTC));
    }
    return RateSources.create(
        new SourceConfig(
            type,
            type,
            URI.create(stub.baseUrl(type)),
            null,
            Duration.ofHours(6),
            SourceTier.PRIMARY,
            null,
            List.of()));
  }

  private static BronzeValidator.Validation validate(String type, SourceRequest request)
      throws Exception {
    byte[] body;
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> answer =
          http.send(
              HttpRequest.newBuilder(request.url()).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(answer.statusCode()).as(type + " " + request.url()).isEqualTo(200);
      body = answer.body();
    }
    BronzeExtraction bronze =
        BronzeExtraction.newBuilder()
            .setExtractionId(UUID.randomUUID())
            .setExtractedAt(NOW)
            .setSourceId(type)
            .setSourceType(type)
            .setTier(SourceTier.PRIMARY)
            .setTrigger(ExtractionTrigger.SCHEDULE)
            .setRequestedFrom(request.requestedFrom())
            .setRequestedTo(request.requestedTo())
            .setRequest(new HttpRequestRecord(request.url().toString(), "GET", Map.of(), Map.of()))
            .setResponse(
                new HttpResponseRecord(
                    200,
                    Map.of(),
                    ByteBuffer.wrap(body),
                    null,
                    (long) body.length,
                    Checksums.sha256Hex(body)))
            .setDurationMillis(1L)
            .setHost("test")
            .setInstance("test")
            .setPipelineVersion("test")
            .build();
    return new BronzeValidator(Parsers.all(), IndependenceGroups.defaults())
        .validate(bronze, new BronzeCoordinates("fx.bronze.extractions.v1", 0, 0L), NOW);
  }
}
