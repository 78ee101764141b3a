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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Frankfurter's v2 API and MakeRates' additions against the real pipeline's end: silver rates with
 * their voices (one of them set aside) go through the sink into the star schema and the gold topic,
 * and api-app answers from them, logged in as a reader that may only read the views.
 */
@Tag("integration")
class FrankfurterV2ContractTest {

  private static final Duration WAIT = PipelineEnd.WAIT;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate THU = LocalDate.of(2026, 3, 5);
  private static final LocalDate FRI = LocalDate.of(2026, 3, 6);
  private static final LocalDate MON = LocalDate.of(2026, 3, 9);

  /** Two days of the week and month before, for week and month rollups. */
  private static final LocalDate FEB_THU = LocalDate.of(2026, 2, 26);

  private static final LocalDate FEB_FRI = LocalDate.of(2026, 2, 27);

  private static PipelineEnd pipeline;
  private static KafkaProducer<String, ConsensusRate> silver;

  /** One voice: its source, value, and whether the consensus took it. */
  private record V(String source, String value, boolean accepted) {}

  @BeforeAll
  static void start() throws Exception {
    pipeline = PipelineEnd.start();
    silver = pipeline.silver;
    String[][] days = {
      // day, USD, JPY, GBP
      {FEB_THU.toString(), "1.150", "170.0", "0.860"},
      {FEB_FRI.toString(), "1.152", "170.2", "0.861"},
      {THU.toString(), "1.160", "172.40", "0.870"},
      {FRI.toString(), "1.162", "172.41", "0.871"},
      {MON.toString(), "1.164", "172.42", "0.872"},
    };
    for (String[] d : days) {
      LocalDate day = LocalDate.parse(d[0]);
      String usd = d[1];
      // boe quotes 0.004 above the ECB; nbp is far off and set aside
      String boeUsd = new BigDecimal(usd).add(new BigDecimal("0.004")).toPlainString();
      send(
          day,
          "USD",
          usd,
          1,
          ConsensusStatus.CONSENSUS,
          List.of(),
          new V("ecb", usd, true),
          new V("boe", boeUsd, true),
          new V("nbp", "1.30", false));
      // Thursday's yen rests on a jump nobody confirmed
      send(
          day,
          "JPY",
          d[2],
          1,
          ConsensusStatus.SINGLE_SOURCE,
          day.equals(THU) ? List.of("UNCONFIRMED_JUMP") : List.of(),
          new V("ecb", d[2], true));
      send(
          day,
          "GBP",
          d[3],
          1,
          ConsensusStatus.CONSENSUS,
          List.of(),
          new V("ecb", d[3], true),
          new V("boe", d[3], true));
    }
    silver.flush();
    pipeline.startApi(15); // every rate sent above
    // gold tells the API its newest day (Monday), which decides how long answers are cached
    await().atMost(WAIT).until(() -> get("/v2/rates").body().contains("\"date\":\"" + MON + "\""));
  }

  @AfterAll
  static void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void aDayIsOneRowPerQuoteWithMakeRatesAdditions() throws Exception {
    HttpResponse<String> response = get("/v2/rates?date=2026-03-05");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
    JsonNode rows = json(response);
    assertThat(rows.findValuesAsText("quote")).containsExactly("GBP", "JPY", "USD");
    assertThat(response.body())
        .startsWith("[{\"date\":\"2026-03-05\",\"base\":\"EUR\",\"quote\":\"GBP\",\"rate\":0.87,");
    JsonNode usd = rows.get(2);
    assertThat(usd.get("rate").decimalValue()).isEqualByComparingTo("1.16");
    assertThat(usd.get("status").asText()).isEqualTo("CONSENSUS");
    assertThat(usd.get("sources").asInt()).isEqualTo(2);
    assertThat(usd.get("spread_bps").decimalValue()).isEqualByComparingTo("34");
    assertThat(usd.get("revision").asInt()).isEqualTo(1);
    assertThat(usd.has("providers")).isFalse();
    assertThat(rows.get(1).get("status").asText()).isEqualTo("SINGLE_SOURCE");
    assertThat(rows.get(1).get("flags").toString()).isEqualTo("[\"UNCONFIRMED_JUMP\"]");
    // without a date: today, which falls back to Monday, the newest day
    HttpResponse<String> latest = get("/v2/rates?quotes=usd");
    assertThat(json(latest).get(0).get("date").asText()).isEqualTo(MON.toString());
    assertThat(latest.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
  }

  @Test
  void aWeekendDateAnswersTheLastDayBeforeItWithRates() throws Exception {
    JsonNode saturday = json(get("/v2/rates?date=2026-03-07&quotes=JPY"));
    assertThat(saturday.size()).isEqualTo(1);
    assertThat(saturday.get(0).get("date").asText()).isEqualTo(FRI.toString());
    assertThat(saturday.get(0).get("rate").decimalValue()).isEqualByComparingTo("172.41");
  }

  @Test
  void anotherBaseIsComputedThroughTheEuroWithItsLegsWeakerStatusAndFlags() throws Exception {
    JsonNode rows = json(get("/v2/rates?date=2026-03-05&base=usd&quotes=EUR,jpy"));
    assertThat(rows.findValuesAsText("quote")).containsExactly("EUR", "JPY");
    JsonNode eur = rows.get(0);
    assertThat(eur.get("base").asText()).isEqualTo("USD");
    // 1 / 1.160 = 0.862068...: five places below 1
    assertThat(eur.get("rate").decimalValue()).isEqualByComparingTo("0.86207");
    assertThat(eur.get("status").asText()).isEqualTo("CONSENSUS");
    JsonNode jpy = rows.get(1);
    // 172.40 / 1.160 = 148.6206...
    assertThat(jpy.get("rate").decimalValue()).isEqualByComparingTo("148.62");
    assertThat(jpy.get("status").asText()).isEqualTo("SINGLE_SOURCE");
    assertThat(jpy.get("sources").asInt()).isEqualTo(1);
    assertThat(jpy.get("flags").toString()).isEqualTo("[\"UNCONFIRMED_JUMP\"]");
    assertThat(jpy.has("revision")).isFalse();
    assertThat(jpy.has("spread_bps")).isFalse();
  }

  @Test
  void closedAndOpenRangesAreStreamedRowsByDateThenQuote() throws Exception {
    HttpResponse<String> closed = get("/v2/rates?from=2026-03-05&to=2026-03-08&quotes=USD,GBP");
    assertThat(closed.headers().firstValue("ETag")).isEmpty(); // streamed
    JsonNode rows = json(closed);
    List<String> dated = new ArrayList<>();
    rows.forEach(r -> dated.add(r.get("date").asText() + " " + r.get("quote").asText()));
    assertThat(dated)
        .containsExactly("2026-03-05 GBP", "2026-03-05 USD", "2026-03-06 GBP", "2026-03-06 USD");
    // a start on a Saturday holds the days from it; an open end runs to today
    JsonNode open = json(get("/v2/rates?from=2026-03-07&quotes=JPY"));
    assertThat(open.findValuesAsText("date")).containsExactly(MON.toString());
  }

  @Test
  void weeksAndMonthsAreTheMeanOfTheirDaysUnderTheirFirstDayWithRates() throws Exception {
    JsonNode weeks = json(get("/v2/rates?from=2026-02-23&to=2026-03-09&quotes=USD&group=week"));
    assertThat(weeks.findValuesAsText("date"))
        .containsExactly("2026-02-26", "2026-03-05", "2026-03-09");
    assertThat(weeks.get(0).get("rate").decimalValue()).isEqualByComparingTo("1.151");
    assertThat(weeks.get(1).get("rate").decimalValue()).isEqualByComparingTo("1.161");
    assertThat(weeks.get(0).has("revision")).isFalse();
    JsonNode months = json(get("/v2/rates?from=2026-02-01&to=2026-03-31&quotes=USD&group=MONTH"));
    assertThat(months.findValuesAsText("date")).containsExactly("2026-02-26", "2026-03-05");
    assertThat(months.get(1).get("rate").decimalValue()).isEqualByComparingTo("1.162");
  }

  @Test
  void expandProvidersListsEveryVoiceAndTheOneSetAside() throws Exception {
    JsonNode usd = json(get("/v2/rates?date=2026-03-05&quotes=USD&expand=providers")).get(0);
    assertThat(usd.get("providers").toString())
        .isEqualTo(
            "[{\"key\":\"boe\",\"rate\":1.164,\"excluded\":false},"
                + "{\"key\":\"ecb\",\"rate\":1.16,\"excluded\":false},"
                + "{\"key\":\"nbp\",\"rate\":1.3,\"excluded\":true}]");
    assertThat(usd.has("lineage")).isFalse();
  }

  @Test
  void expandLineageShowsEachVoicesRecordAndReason() throws Exception {
    JsonNode lineage =
        json(get("/v2/rates?date=2026-03-05&quotes=USD&expand=lineage")).get(0).get("lineage");
    assertThat(lineage.findValuesAsText("source")).containsExactly("boe", "ecb", "nbp");
    JsonNode nbp = lineage.get(2);
    assertThat(nbp.get("group").asText()).isEqualTo("NBP");
    assertThat(nbp.get("leg").asText()).isEqualTo("EUR/USD");
    assertThat(nbp.get("value").decimalValue()).isEqualByComparingTo("1.30");
    assertThat(nbp.get("accepted").asBoolean()).isFalse();
    assertThat(nbp.get("reason").asText()).isEqualTo("OUTLIER");
    assertThat(nbp.get("extraction_id").asText())
        .isEqualTo(extractionId(THU, "USD", "nbp").toString());
    assertThat(nbp.get("bronze").get("topic").asText()).isEqualTo(TopicNames.BRONZE);
    assertThat(nbp.get("bronze").get("offset").asLong()).isEqualTo(3L);
    assertThat(lineage.get(0).get("reason").isNull()).isTrue();
  }

  @Test
  void providersMakeTheRateFromTheNamedSourcesVoicesOnly() throws Exception {
    JsonNode boe = json(get("/v2/rates?date=2026-03-05&providers=BOE"));
    assertThat(boe.findValuesAsText("quote")).containsExactly("GBP", "USD"); // boe quotes no yen
    assertThat(boe.get(1).get("rate").decimalValue()).isEqualByComparingTo("1.164");
    assertThat(boe.get(1).get("sources").asInt()).isEqualTo(1);
    // two sources: the median of their accepted voices, nbp's set-aside one never counts
    JsonNode both = json(get("/v2/rates?date=2026-03-05&quotes=USD&providers=ecb,boe,nbp"));
    assertThat(both.get(0).get("rate").decimalValue()).isEqualByComparingTo("1.162");
    assertThat(both.get(0).get("sources").asInt()).isEqualTo(2);
  }

  @Test
  void knownAtAnswersTheRevisionRecordedByThen() throws Exception {
    String path = "/v2/rates?date=2026-03-09&quotes=GBP";
    JsonNode first = json(get(path)).get(0);
    assertThat(first.get("revision").asInt()).isEqualTo(1);
    Instant before = Instant.now(); // revision 1 is stored, revision 2 not yet sent
    send(
        MON,
        "GBP",
        "0.8801",
        2,
        ConsensusStatus.CONSENSUS,
        List.of(),
        new V("ecb", "0.8801", true),
        new V("boe", "0.8801", true));
    silver.flush();
    await().atMost(WAIT).until(() -> json(get(path)).get(0).get("revision").asInt() == 2);
    assertThat(json(get(path)).get(0).get("rate").decimalValue()).isEqualByComparingTo("0.8801");

    JsonNode then = json(get(path + "&known_at=" + before)).get(0);
    assertThat(then.get("revision").asInt()).isEqualTo(1);
    assertThat(then.get("rate").decimalValue()).isEqualByComparingTo("0.872");
    // before anything was recorded there is nothing to answer
    assertError(get(path + "&known_at=2020-01-01T00:00:00Z"), 404, "not found");
  }

  @Test
  void csvAtRatesCsvAndByAcceptHeader() throws Exception {
    HttpResponse<String> csv = get("/v2/rates.csv?date=2026-03-05&quotes=USD,JPY");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(csv.body())
        .isEqualTo(
            "date,base,quote,rate,status,sources,spread_bps,flags,revision\n"
                + "2026-03-05,EUR,JPY,172.4,SINGLE_SOURCE,1,0,UNCONFIRMED_JUMP,1\n"
                + "2026-03-05,EUR,USD,1.16,CONSENSUS,2,34,,1\n");
    HttpResponse<String> accepted =
        pipeline.get("/v2/rates?date=2026-03-05&quotes=USD,JPY", "Accept", "text/csv");
    assertThat(accepted.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(accepted.body()).isEqualTo(csv.body());
    String range = get("/v2/rates.csv?from=2026-03-05&to=2026-03-06&quotes=GBP").body();
    assertThat(range.lines()).hasSize(3);
  }

  @Test
  void currenciesAndProvidersListWhatHasRates() throws Exception {
    JsonNode currencies = json(get("/v2/currencies"));
    assertThat(currencies.findValuesAsText("iso_code")).containsExactly("EUR", "GBP", "JPY", "USD");
    assertThat(currencies.get(0).get("name").asText()).isEqualTo("Euro");
    assertThat(currencies.get(2).get("providers").toString()).isEqualTo("[\"ecb\"]");
    assertThat(currencies.get(3).get("start_date").asText()).isEqualTo(FEB_THU.toString());
    JsonNode providers = json(get("/v2/providers"));
    assertThat(providers.findValuesAsText("key")).containsExactly("boe", "ecb", "nbp");
    JsonNode boe = providers.get(0);
    assertThat(boe.get("group").asText()).isEqualTo("BOE");
    assertThat(boe.get("base").asText()).isEqualTo("GBP");
    assertThat(boe.get("name").asText()).contains("Bank of England");
    assertThat(boe.get("currencies").toString()).isEqualTo("[\"GBP\",\"USD\"]");
    assertThat(
            pipeline.apiMetrics.find("makerates_api_requests").tag("route", "v2/providers").timer())
        .isNotNull();
  }

  @Test
  void everyErrorHasItsStatusAndMessage() throws Exception {
    assertError(get("/v2/rates?symbols=USD"), 422, "unknown parameter: symbols");
    assertError(get("/v2/rates?date=2026-02-30"), 422, "invalid date");
    assertError(get("/v2/rates?date=2026-03-05&from=2026-03-01"), 422, "conflicting params");
    assertError(get("/v2/rates?from=2026-03-01&group=year"), 422, "invalid group");
    assertError(get("/v2/rates?group=week"), 422, "group needs a range (from)");
    assertError(get("/v2/rates?expand=votes"), 422, "invalid expand: votes");
    assertError(get("/v2/rates?base=XYZ&quotes=USD,ABC"), 422, "invalid currency: XYZ,ABC");
    assertError(get("/v2/rates?providers=ecb,nope"), 422, "invalid provider: nope");
    assertError(
        get("/v2/rates?from=2026-03-09&to=2026-03-05"), 422, "the range ends before it starts");
    assertError(get("/v2/rates?to=2026-03-05"), 422, "to needs from");
    assertError(get("/v2/rates?known_at=yesterday"), 422, "invalid known_at");
    assertError(
        get("/v2/rates?from=2026-03-01&group=week&expand=providers"),
        422,
        "expand cannot be combined with group");
    assertError(get("/v2/rates.csv?expand=lineage"), 422, "expand=lineage is not available as CSV");
    assertError(get("/v2/rates?base=USD' OR '1'='1"), 422, "invalid currency: USD' OR '1'='1");
    assertError(get("/v2/currencies?scope=all"), 422, "unknown parameter: scope");
    assertError(get("/v2/rates?date=1998-12-31"), 404, "not found");
    assertError(get("/v2/rates?quotes=CHF"), 404, "not found"); // a currency without rates
    assertError(get("/v2/rates?from=2026-03-10&to=2026-03-11"), 404, "not found");
    assertError(get("/v2/nothing-here"), 404, "not found");
    assertThat(get("/v2/rates?base=XYZ").headers().firstValue("Cache-Control"))
        .hasValue("no-store");
  }

  @Test
  void aWholeAnswerHasAnEtagAnswered304() throws Exception {
    String path = "/v2/rates?date=2026-03-06&quotes=USD";
    HttpResponse<String> first = get(path);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = pipeline.get(path, "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    HttpResponse<String> other = get("/v2/rates?date=2026-03-06&quotes=GBP");
    assertThat(other.headers().firstValue("ETag")).isNotEqualTo(first.headers().firstValue("ETag"));
  }

  private static void assertError(HttpResponse<String> response, int status, String message)
      throws Exception {
    assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("message").asText()).isEqualTo(message);
  }

  private static UUID extractionId(LocalDate day, String quote, String source) {
    return UUID.nameUUIDFromBytes(
        (day + quote + source).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void send(
      LocalDate day,
      String quote,
      String value,
      int revision,
      ConsensusStatus status,
      List<String> flags,
      V... voices) {
    List<Contribution> lineage = new ArrayList<>();
    long offset = 1;
    for (V v : voices) {
      lineage.add(
          Contribution.newBuilder()
              .setSourceId(v.source())
              .setIndependenceGroup(v.source().toUpperCase(java.util.Locale.ROOT))
              .setValue(v.value())
              .setExtractionId(extractionId(day, quote, v.source()))
              .setBronze(new BronzeCoordinates(TopicNames.BRONZE, 0, offset++))
              .setAccepted(v.accepted())
              .setRejectionReason(v.accepted() ? null : "OUTLIER")
              .setLeg("EUR/" + quote)
              .build());
    }
    long accepted = lineage.stream().filter(Contribution::getAccepted).count();
    ConsensusRate rate =
        ConsensusRate.newBuilder()
            .setDate(day)
            .setBase("EUR")
            .setQuote(quote)
            .setRate(value)
            .setStatus(status)
            .setDerived(false)
            .setSourceCount((int) accepted)
            .setSpreadBps(accepted > 1 && quote.equals("USD") ? "34" : "0")
            .setConfidenceLow(value)
            .setConfidenceHigh(value)
            .setRevision(revision)
            .setContributions(lineage)
            .setFlags(flags)
            .build();
    silver.send(new ProducerRecord<>(TopicNames.RATES, day + "/EUR/" + quote, rate));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return pipeline.get(path);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }
}
