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
import io.makerates.sources.SampleAnswers;
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
 * The offline stub serves every source type with sample answers, in its own format, over HTTP: the
 * type's real adapter asks (a POST with its body where the provider wants one), streams-app's real
 * validator reads the answer, and every currency of it becomes an EUR rate near the market's
 * reference, none rejected.
 */
class OfflineAnswersTest {

  private static final Instant NOW = Instant.now();
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
  void theStubServesTypesOfTheBuildAndEveryKeylessOne() {
    assertThat(SourceTypes.byId()).containsKeys(OfflineSourceStub.SERVED.toArray(String[]::new));
    assertThat(OfflineSourceStub.SERVED).containsAll(RateSources.keyless());
  }

  @Test
  void everyTypesLatestAnswerBecomesEurRatesNearTheReference() throws Exception {
    LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    List<String> failures = new java.util.ArrayList<>();
    for (String type : OfflineSourceStub.SERVED) {
      try {
        checkLatest(type, today);
      } catch (AssertionError e) {
        failures.add(e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
  }

  private static void checkLatest(String type, LocalDate today) throws Exception {
    {
      var validation = validate(type, adapter(type).latest());
      SampleAnswers samples = SourceTypes.samples(type).orElseThrow();
      boolean throughGroup = SourceTypes.eurLegFromGroup(type);
      if (!samples.home().equals("EUR") && !samples.currencies().contains("EUR") && !throughGroup) {
        // a provider that quotes the dollar alone (BCB, BanRep, BCCh) gives no way to EUR
        assertThat(validation.rejections())
            .as(type)
            .isNotEmpty()
            .allSatisfy(r -> assertThat(r.getReasonCode()).isEqualTo("PIVOT_MISSING"));
        return;
      }
      assertThat(validation.rejections()).as(type).isEmpty();
      assertThat(validation.observations())
          .as(type)
          .isNotEmpty()
          .allSatisfy(
              o -> {
                // NBP's Table B stays against PLN until the consensus takes Table A's EUR/PLN
                assertThat(o.getPivot()).as(type).isEqualTo(throughGroup ? samples.home() : "EUR");
                BigDecimal eurToPivot =
                    throughGroup ? sample(samples.home()) : java.math.BigDecimal.ONE;
                // monthly publishers (HKMA) lag by up to two months
                assertThat(o.getDate()).as(type).isBetween(today.minusDays(70), today.plusDays(1));
                assertThat(o.getRates())
                    .isNotEmpty()
                    .allSatisfy(
                        rate -> {
                          BigDecimal ratio =
                              new BigDecimal(rate.getRate())
                                  .multiply(eurToPivot)
                                  .divide(sample(rate.getQuote()), java.math.MathContext.DECIMAL64);
                          // a few basis points apart, or the day's one group that is off (4 %) or
                          // the disputed currency (2-3 %)
                          assertThat(ratio)
                              .as(type + " " + rate.getQuote())
                              .isBetween(new BigDecimal("0.95"), new BigDecimal("1.05"));
                        });
              });
    }
  }

  @Test
  void aRangeHoldsTheBanksBusinessDaysOnly() throws Exception {
    LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    var validation = validate("cnb", adapter("cnb").range(today.minusDays(14), today.minusDays(1)));
    assertThat(validation.observations())
        .isNotEmpty()
        .extracting(o -> o.getDate().getDayOfWeek().getValue())
        .allMatch(d -> d <= 5);
  }

  private static BigDecimal sample(String currency) {
    return stub.referenceRate(currency);
  }

  private static RateSource adapter(String type) {
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
      HttpRequest.Builder ask =
          HttpRequest.newBuilder(request.url())
              .method(
                  request.method(),
                  request.body() == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(request.body()));
      request.headers().forEach(ask::header);
      HttpResponse<byte[]> answer = http.send(ask.build(), HttpResponse.BodyHandlers.ofByteArray());
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
