package io.makerates.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Contribution;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Frankfurter's v1 API against the real pipeline's end: silver rates go through the sink into the
 * star schema and the gold topic, and api-app answers from both, logged in as a reader that may
 * only read the views.
 */
@Tag("integration")
class FrankfurterV1ContractTest {

  private static final Duration WAIT = PipelineEnd.WAIT;
  private static final ObjectMapper JSON = new ObjectMapper();
  // Wednesday 2026-03-04 is a holiday: no rates between Tuesday and Thursday
  private static final LocalDate TUE = LocalDate.of(2026, 3, 3);
  private static final LocalDate THU = LocalDate.of(2026, 3, 5);
  private static final LocalDate FRI = LocalDate.of(2026, 3, 6);
  private static final LocalDate MON = LocalDate.of(2026, 3, 9);

  private static PipelineEnd pipeline;
  private static KafkaProducer<String, ConsensusRate> silver;

  @BeforeAll
  static void start() throws Exception {
    pipeline = PipelineEnd.start();
    silver = pipeline.silver;
    for (LocalDate day : List.of(THU, FRI, MON)) {
      int shift = day.getDayOfMonth() - 5; // a little different each day
      send(day, "USD", "1.16" + shift);
      send(day, "JPY", "172.4" + shift);
      send(day, "GBP", "0.87" + shift);
    }
    send(TUE, "USD", "1.158");
    send(TUE, "JPY", "172.2");
    silver.flush();
    pipeline.startApi(11); // every rate sent above
    await().atMost(WAIT).until(() -> get("/v1/latest").body().contains("\"date\":\"" + MON + "\""));
  }

  @AfterAll
  static void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void latestIsTheNewestDayAtV1AndAtTheRoot() throws Exception {
    HttpResponse<String> latest = get("/v1/latest");
    assertThat(latest.statusCode()).isEqualTo(200);
    assertThat(latest.body())
        .startsWith("{\"amount\":1.0,\"base\":\"EUR\",\"date\":\"2026-03-09\",\"rates\":{");
    JsonNode rates = json(latest).get("rates");
    assertThat(rates.get("USD").decimalValue()).isEqualByComparingTo("1.164");
    assertThat(rates.fieldNames()).toIterable().containsExactly("GBP", "JPY", "USD");
    assertThat(get("/latest").body()).isEqualTo(latest.body());
    assertThat(get("/v1/current").body()).isEqualTo(latest.body());
    assertThat(latest.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
  }

  @Test
  void aWeekendDateAnswersTheLastBusinessDayBeforeItFromTheStarSchema() throws Exception {
    JsonNode saturday = json(get("/v1/2026-03-07"));
    assertThat(saturday.get("date").asText()).isEqualTo(FRI.toString());
    assertThat(saturday.get("rates").get("JPY").decimalValue()).isEqualByComparingTo("172.41");
    assertThat(json(get("/2026-03-05")).get("date").asText()).isEqualTo(THU.toString());
  }

  @Test
  void aHolidayAnswersTheBusinessDayBeforeItAndARangeLeavesItOut() throws Exception {
    JsonNode holiday = json(get("/v1/2026-03-04?symbols=USD"));
    assertThat(holiday.get("date").asText()).isEqualTo(TUE.toString());
    assertThat(holiday.get("rates").get("USD").decimalValue()).isEqualByComparingTo("1.158");
    JsonNode range = json(get("/v1/2026-03-03..2026-03-05?symbols=JPY"));
    assertThat(range.get("rates").fieldNames())
        .toIterable()
        .containsExactly("2026-03-03", "2026-03-05");
  }

  @Test
  void baseSymbolsAndAmountRebaseThroughTheEuroAndRound() throws Exception {
    JsonNode usd = json(get("/v1/2026-03-05?base=USD&symbols=EUR,JPY&amount=10"));
    assertThat(usd.get("amount").decimalValue()).isEqualByComparingTo("10");
    assertThat(usd.get("base").asText()).isEqualTo("USD");
    // 10 USD in EUR = 10 / 1.160 = 8.62068...: four places above 1
    assertThat(usd.get("rates").get("EUR").decimalValue()).isEqualByComparingTo("8.6207");
    // 10 × 172.40 / 1.160 = 1486.2068...: two places above 80
    assertThat(usd.get("rates").get("JPY").decimalValue()).isEqualByComparingTo("1486.21");
    assertThat(usd.get("rates").has("USD")).isFalse();
    assertThat(usd.get("rates").has("GBP")).isFalse();
    assertThat(json(get("/v1/2026-03-05?from=usd&to=gbp")))
        .isEqualTo(json(get("/v1/2026-03-05?base=USD&symbols=GBP")));
  }

  @Test
  void closedAndOpenRangesHoldTheBusinessDaysOnly() throws Exception {
    HttpResponse<String> closed = get("/v1/2026-03-05..2026-03-08?symbols=USD");
    assertThat(closed.headers().firstValue("ETag")).isEmpty(); // streamed
    JsonNode range = json(closed);
    assertThat(range.get("start_date").asText()).isEqualTo("2026-03-05");
    assertThat(range.get("end_date").asText()).isEqualTo("2026-03-06");
    assertThat(range.get("rates").fieldNames())
        .toIterable()
        .containsExactly("2026-03-05", "2026-03-06");
    assertThat(range.get("rates").get("2026-03-06").get("USD").decimalValue())
        .isEqualByComparingTo("1.161");
    // a start on a Saturday begins at the Friday before it; an open end runs to today
    JsonNode open = json(get("/v1/2026-03-07..?symbols=JPY"));
    assertThat(open.get("start_date").asText()).isEqualTo("2026-03-06");
    assertThat(open.get("end_date").asText()).isEqualTo("2026-03-09");
    assertThat(open.get("rates").size()).isEqualTo(2);
  }

  @Test
  void currenciesListsWhatHasRatesWithTheirNames() throws Exception {
    JsonNode currencies = json(get("/v1/currencies"));
    assertThat(currencies.fieldNames()).toIterable().containsExactly("EUR", "GBP", "JPY", "USD");
    assertThat(currencies.get("EUR").asText()).isEqualTo("Euro");
  }

  @Test
  void everyErrorHasItsStatusAndMessage() throws Exception {
    assertError(get("/v1/2026-02-30"), 422, "invalid date");
    assertError(get("/v1/latest?amount=0"), 422, "invalid amount");
    assertError(get("/v1/latest?amount=abc"), 422, "invalid amount");
    assertError(get("/v1/latest?base=XYZ"), 422, "unknown currency 'XYZ'");
    assertError(get("/v1/latest?symbols=USD,NOPE"), 422, "invalid symbols");
    assertError(get("/v1/latest?callback=x"), 422, "unknown parameter 'callback'");
    assertError(get("/v1/latest?base=USD&symbols=USD"), 422, "bad currency pair");
    assertError(get("/v1/2026-03-09..2026-03-05"), 422, "the range ends before it starts");
    assertError(get("/v1/1998-12-31"), 404, "not found");
    assertError(get("/v1/latest?symbols=CHF"), 404, "not found"); // a currency without rates
    assertError(get("/v1/nothing-here"), 404, "not found");
    assertError(get("/v1/2026-03-05..2026-03-09?symbols=CHF"), 404, "not found"); // no CHF rates
    assertError(get("/v1/latest?base=USD' OR '1'='1"), 422, "invalid base");
    assertThat(get("/v1/latest?base=XYZ").headers().firstValue("Cache-Control"))
        .hasValue("no-store");
  }

  @Test
  void anEtagIsAnsweredWith304UntilTheRateChanges() throws Exception {
    HttpResponse<String> first = get("/v1/latest?symbols=GBP");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = getIfNoneMatch("/v1/latest?symbols=GBP", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();

    // a new revision of Monday's GBP reaches gold, and the API answers it from gold
    double goldBefore = pipeline.goldRecords();
    send(MON, "GBP", "0.8801", 2);
    silver.flush();
    await()
        .atMost(WAIT)
        .until(
            () -> json(get("/v1/latest?symbols=GBP")).get("rates").get("GBP").decimalValue(),
            v -> v.compareTo(new BigDecimal("0.8801")) == 0);
    HttpResponse<String> changed = getIfNoneMatch("/v1/latest?symbols=GBP", etag);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(pipeline.goldRecords()).isGreaterThan(goldBefore);
    assertThat(changed.headers().firstValue("ETag")).isNotEqualTo(Optional.of(etag));
  }

  @Test
  void aNewRevisionOfAPastDayReachesTheAnswersFromMemory() throws Exception {
    // Thursday is no longer gold's latest: only the star schema has its new revision, and the
    // history in memory reads what changed there
    send(THU, "GBP", "0.8655", 2);
    silver.flush();
    await()
        .atMost(WAIT)
        .until(
            () -> json(get("/v1/2026-03-05?symbols=GBP")).get("rates").get("GBP").decimalValue(),
            v -> v.compareTo(new BigDecimal("0.8655")) == 0);
    JsonNode range = json(get("/v1/2026-03-05..2026-03-06?symbols=GBP"));
    assertThat(range.get("rates").get("2026-03-05").get("GBP").decimalValue())
        .isEqualByComparingTo("0.8655");
    assertThat(pipeline.historyRates()).isEqualTo(11);
  }

  @Test
  void everyPathTheOpenApiDocumentNamesIsServed() throws Exception {
    // the answers' shapes are checked against it on every request (PipelineEnd.get)
    OpenApiContract contract = new OpenApiContract();
    // every path the document names is served
    for (var path : (Iterable<String>) () -> contract.document().path("paths").fieldNames()) {
      HttpResponse<String> answer = get(path.replace("{dates}", "2026-03-05"));
      assertThat(answer.statusCode()).as(path).isEqualTo(200);
    }
    assertThat(
            get(ApiRoutes.DOCUMENT_PATH).body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(ApiRoutes.document());
  }

  private static void assertError(HttpResponse<String> response, int status, String message)
      throws Exception {
    assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
    assertThat(json(response).get("message").asText()).isEqualTo(message);
  }

  private static void send(LocalDate day, String quote, String value) {
    send(day, quote, value, 1);
  }

  private static void send(LocalDate day, String quote, String value, int revision) {
    ConsensusRate rate =
        ConsensusRate.newBuilder()
            .setDate(day)
            .setBase("EUR")
            .setQuote(quote)
            .setRate(value)
            .setStatus(ConsensusStatus.CONSENSUS)
            .setDerived(false)
            .setSourceCount(2)
            .setSpreadBps("10")
            .setConfidenceLow(value)
            .setConfidenceHigh(value)
            .setRevision(revision)
            .setContributions(
                List.of(
                    Contribution.newBuilder()
                        .setSourceId("ecb")
                        .setIndependenceGroup("ECB")
                        .setValue(value)
                        .setExtractionId(UUID.nameUUIDFromBytes((day + quote + value).getBytes()))
                        .setBronze(new BronzeCoordinates(TopicNames.BRONZE, 0, 1L))
                        .setAccepted(true)
                        .setRejectionReason(null)
                        .build()))
            .build();
    silver.send(new ProducerRecord<>(TopicNames.RATES, day + "/EUR/" + quote, rate));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return pipeline.get(path);
  }

  private static HttpResponse<String> getIfNoneMatch(String path, String etag) throws Exception {
    return pipeline.get(path, "If-None-Match", etag);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }
}
