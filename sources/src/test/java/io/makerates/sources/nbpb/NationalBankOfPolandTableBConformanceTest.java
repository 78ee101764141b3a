package io.makerates.sources.nbpb;

import static io.makerates.sources.ParserAssertions.assertRefused;
import static io.makerates.sources.ParserAssertions.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.schema.ReasonCode;
import io.makerates.sources.JsonBodies;
import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineMarkets;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.ProviderError;
import io.makerates.sources.RealFixtures;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NBP's Table B against its real answer of Wednesday 4 March 2026 (shared/fixtures/real/nbp). */
class NationalBankOfPolandTableBConformanceTest {

  private static final String RECORDED = "nbp/tables_B_2026-03-04.json";
  private static final LocalDate WEDNESDAY = LocalDate.of(2026, 3, 4);

  /** The mids written with two significant digits, in the answer's order. */
  private static final List<String> COARSE =
      List.of("VES", "GNF", "CDF", "LBP", "SSP", "COP", "IRR");

  private final NationalBankOfPolandTableBParser parser = new NationalBankOfPolandTableBParser();
  private final NationalBankOfPolandTableBSource source =
      new NationalBankOfPolandTableBSource(
          URI.create(NationalBankOfPolandTableBSource.DEFAULT_BASE_URL));

  @Test
  void readsTheWednesdayTableAsPlnToEachCurrency() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(RECORDED));

    assertThat(days).singleElement().extracting(ProviderDay::date).isEqualTo(WEDNESDAY);
    ProviderDay day = days.get(0);
    assertThat(day.base()).isEqualTo("PLN");
    // 116 codes, 7 of them too coarse to keep; no EUR, no USD (those are Table A's)
    assertThat(day.rawRates()).hasSize(109).doesNotContainKeys("EUR", "USD", "PLN");
    // "mid" is PLN per one unit, whatever its size: PLN→X is its inverse
    assertRate(day, "AFN", "0.056626");
    assertRate(day, "PAB", "3.6770");
    assertRate(day, "KWD", "12.0172");
    assertRate(day, "VND", "0.00014035");
    assertRate(day, "TWD", "0.1161");
    // three significant digits are enough (0.000881, 0.0238); 0.1000 has four
    assertRate(day, "MGA", "0.000881");
    assertRate(day, "ETB", "0.0238");
    assertRate(day, "NIO", "0.1000");
  }

  @Test
  void leavesOutTheMidsWrittenWithTwoSignificantDigits() throws Exception {
    byte[] body = RealFixtures.file(RECORDED);
    Map<String, String> rates = parser.parse(body).get(0).rawRates();

    // IRR 0.0000028, LBP 0.000041, VES 0.0087: up to 2 % of rounding
    assertThat(rates).doesNotContainKeys(COARSE.toArray(String[]::new));
    List<String> coarse = new ArrayList<>();
    // the digits as written (Jackson's defaults would read 0.1000 as 0.1)
    for (JsonNode rate : JsonBodies.JSON.readTree(body).get(0).get("rates")) {
      if (NationalBankOfPolandTableBParser.tooCoarse(JsonBodies.decimalText(rate.get("mid")))) {
        coarse.add(rate.get("code").asText());
      }
    }
    assertThat(coarse).containsExactlyElementsOf(COARSE);
    assertThat(NationalBankOfPolandTableBParser.tooCoarse("0.0087")).isTrue();
    assertThat(NationalBankOfPolandTableBParser.tooCoarse("0.0000028")).isTrue();
    assertThat(NationalBankOfPolandTableBParser.tooCoarse("0.000881")).isFalse();
    assertThat(NationalBankOfPolandTableBParser.tooCoarse("0.1000")).isFalse();
    // what is no positive decimal is left to validation, which says why it is wrong
    assertThat(NationalBankOfPolandTableBParser.tooCoarse("0")).isFalse();
    assertThat(NationalBankOfPolandTableBParser.tooCoarse("n/a")).isFalse();
  }

  @Test
  void recognisesItsAnswersItsNoDataAndItsRefusals() throws Exception {
    byte[] body = RealFixtures.file(RECORDED);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(WEDNESDAY);

    // a day without a table (any day but Wednesday, or a holiday Wednesday)
    assertThat(source.providerError(404, utf8(NationalBankOfPolandTableBSamples.NO_DATA)))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.NO_DATA);
    assertThat(source.providerError(400, utf8(NationalBankOfPolandTableBSamples.TOO_LONG)))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.OTHER);
    assertThat(source.providerError(200, utf8("<html><body>Service Unavailable</body></html>")))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
    assertThat(source.providerError(503, utf8(""))).isEmpty();
  }

  @Test
  void asksLikeTheRecordedRequest() throws Exception {
    URI recorded =
        URI.create(
            new ObjectMapper()
                .readTree(RealFixtures.file(RECORDED + ".response-meta.json"))
                .path("request_uri")
                .asText());

    assertThat(source.range(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 5)).url())
        .isEqualTo(recorded);
    assertThat(source.day(WEDNESDAY).url())
        .hasToString("https://api.nbp.pl/api/exchangerates/tables/B/2026-03-04/?format=json");
    assertThat(source.latest().url())
        .hasToString("https://api.nbp.pl/api/exchangerates/tables/B/?format=json");
    assertThat(source.latest().requestedFrom()).isNull();
    assertThatThrownBy(() -> source.range(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 10)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAnotherTableAndOtherShapes() {
    String tableA =
        "[{\"table\":\"A\",\"no\":\"043/A/NBP/2026\",\"effectiveDate\":\"2026-03-04\","
            + "\"rates\":[{\"currency\":\"euro\",\"code\":\"EUR\",\"mid\":4.2265}]}]";
    assertRefused(parser, tableA, ReasonCode.UNKNOWN_FORMAT).hasMessageContaining("not B");
    assertRefused(parser, "{\"table\":\"B\"}", ReasonCode.UNKNOWN_FORMAT);
    assertRefused(parser, "[{\"table\":\"B\",\"rates\":[]}]", ReasonCode.UNKNOWN_FORMAT);
    assertRefused(parser, "<html></html>", ReasonCode.UNPARSEABLE);
  }

  @Test
  void samplesNumberTheirTablesAndAnswerOtherDaysWithNoData() throws Exception {
    NationalBankOfPolandTableBSamples samples = new NationalBankOfPolandTableBSamples();
    OfflineMarket market = market(samples, LocalDate.of(2026, 3, 9));

    // Monday 9 March: the current table is Wednesday's, numbered as the real one (009/B/NBP/2026:
    // the ninth Wednesday of 2026)
    JsonNode current = tables(samples.answer(request("/"), market)).get(0);
    assertThat(current.path("table").asText()).isEqualTo("B");
    assertThat(current.path("effectiveDate").asText()).isEqualTo("2026-03-04");
    assertThat(current.path("no").asText()).isEqualTo("009/B/NBP/2026");
    assertThat(tables(samples.answer(request("/2026-03-01/2026-03-09/"), market)))
        .extracting(t -> t.path("effectiveDate").asText())
        .containsExactly("2026-03-04");
    OfflineReply thursday = samples.answer(request("/2026-03-05/"), market).orElseThrow();
    assertThat(thursday.status()).isEqualTo(404);
    assertThat(source.providerError(thursday.status(), thursday.body()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.NO_DATA);
    assertThat(samples.answer(request("/2026-01-01/2026-04-10/"), market).orElseThrow().status())
        .isEqualTo(400);
    // Christmas Eve 2025 was a holiday Wednesday: the table before it stays current
    OfflineMarket christmas = market(samples, LocalDate.of(2025, 12, 29));
    assertThat(NationalBankOfPolandTableBSamples.current(christmas)).isEqualTo("2025-12-17");
    assertThat(samples.answer(request("/2025-12-24/"), christmas).orElseThrow().status())
        .isEqualTo(404);
    // the offline dispute is between two groups that vote every day, so on none of Table B's
    assertThat(samples.currencies()).doesNotContain(OfflineMarkets.standard().disputed());
    // every figure keeps three significant digits, so the parser keeps every currency
    ProviderDay played =
        parser.parse(samples.answer(request("/"), market).orElseThrow().body()).get(0);
    assertThat(played.rawRates().keySet()).containsExactlyElementsOf(market.currencies());
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(RECORDED); // outside any lambda: skipped when absent
    List<String> recorded = new ArrayList<>();
    for (ProviderDay day : parser.parse(body)) {
      recorded.addAll(day.rawRates().keySet());
    }

    // the 109 currencies the parser keeps, in the answer's order
    assertThat(new NationalBankOfPolandTableBSamples().currencies())
        .containsExactlyElementsOf(recorded);
  }

  private static OfflineMarket market(NationalBankOfPolandTableBSamples samples, LocalDate today) {
    return OfflineMarkets.standard()
        .market(NationalBankOfPolandTableBSource.SOURCE_TYPE, samples, today);
  }

  private static OfflineRequest request(String below) {
    return new OfflineRequest("/exchangerates/tables/B" + below, Map.of("format", "json"), null);
  }

  private static JsonNode tables(java.util.Optional<OfflineReply> reply) throws Exception {
    OfflineReply answer = reply.orElseThrow();
    assertThat(answer.status())
        .as(new String(answer.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    return new ObjectMapper().readTree(answer.body());
  }

  private static void assertRate(ProviderDay day, String code, String mid) {
    BigDecimal expected = BigDecimal.ONE.divide(new BigDecimal(mid), MathContext.DECIMAL128);
    assertThat(new BigDecimal(day.rawRates().get(code))).as(code).isEqualByComparingTo(expected);
  }
}
