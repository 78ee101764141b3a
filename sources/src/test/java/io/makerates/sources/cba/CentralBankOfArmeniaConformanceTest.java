package io.makerates.sources.cba;

import static io.makerates.sources.ParserAssertions.assertRefused;
import static io.makerates.sources.ParserAssertions.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.schema.ReasonCode;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.ProviderError;
import io.makerates.sources.RealFixtures;
import io.makerates.sources.SourceRequest;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The CBA adapter and parser over real SOAP answers (see shared/fixtures/real/README.md). */
class CentralBankOfArmeniaConformanceTest {

  private static final String LATEST = "cba/exchangerates.asmx_ExchangeRatesLatest_2026-03-18.xml";
  private static final String RANGE =
      "cba/exchangerates.asmx_ExchangeRatesByDateRangeByISO_30-codes_2026-03-02_to_2026-03-18.xml";
  private static final String ENVELOPE =
      "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>";

  private final CentralBankOfArmeniaParser parser = new CentralBankOfArmeniaParser();
  private final CentralBankOfArmeniaSource source =
      new CentralBankOfArmeniaSource(URI.create(CentralBankOfArmeniaSource.DEFAULT_BASE_URL));

  @Test
  void readsTheLatestListAsAmdToForeignWithAmounts() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(LATEST));

    assertThat(days).extracting(ProviderDay::date).containsExactly(LocalDate.of(2026, 3, 18));
    ProviderDay day = days.get(0);
    assertThat(day.base()).isEqualTo("AMD");
    assertThat(day.rawRates()).hasSize(30);
    assertRate(day, "EUR", "1", "435.55");
    assertRate(day, "USD", "1", "377.39");
    assertRate(day, "JPY", "10", "23.735"); // AMD per 10 yen
    assertRate(day, "IRR", "100", "0.028677"); // AMD per 100 rials
    assertRate(day, "XDR", "1", "513.32");
    // gold is AMD per gram: per troy ounce it is 31.1034768 times that
    assertRate(day, "XAU", "1", new BigDecimal("60871").multiply(new BigDecimal("31.1034768")));
  }

  @Test
  void readsTheDataSetRowsByRateDate() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(RANGE));
    List<ProviderDay> latest = parser.parse(RealFixtures.file(LATEST));

    // 2–18 March 2026 without its weekends: 13 days, all in Yerevan's dates as written
    assertThat(days).hasSize(13);
    assertThat(days.get(0).date()).isEqualTo(LocalDate.of(2026, 3, 2));
    assertThat(days.get(12).date()).isEqualTo(LocalDate.of(2026, 3, 18));
    assertThat(days).extracting(ProviderDay::date).doesNotContain(LocalDate.of(2026, 3, 7));
    assertThat(days).allSatisfy(day -> assertThat(day.rawRates()).hasSize(30));
    ProviderDay first = days.get(0);
    assertRate(first, "USD", "1", "376.88");
    assertRate(first, "EUR", "1", "442.38");
    assertRate(first, "JPY", "10", "24.02");
    assertRate(first, "IRR", "100", "0.028685");
    // the range's 18 March is the latest list of 18 March, value for value
    assertThat(days.get(12).rawRates()).isEqualTo(latest.get(0).rawRates());
  }

  @Test
  void recognisesTheAnswersAndTheirFaults() throws Exception {
    byte[] latest = RealFixtures.file(LATEST);
    byte[] range = RealFixtures.file(RANGE);
    assertThat(source.providerError(200, latest)).isEmpty();
    assertThat(source.providerError(200, range)).isEmpty();
    assertThat(source.answerDate(latest)).contains(LocalDate.of(2026, 3, 18));
    assertThat(source.answerDate(range)).contains(LocalDate.of(2026, 3, 18));
    assertThat(source.providerError(200, utf8("<html><body>Service Unavailable</body></html>")))
        .get()
        .extracting(ProviderError::kind)
        .isEqualTo(ProviderError.Kind.MALFORMED);
    String fault =
        ENVELOPE
            + "<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to"
            + " process request.</faultstring><detail /></soap:Fault></soap:Body></soap:Envelope>";
    assertThat(source.providerError(500, utf8(fault)))
        .get()
        .extracting(ProviderError::kind)
        .isEqualTo(ProviderError.Kind.OTHER);
    assertRefused(parser, fault, ReasonCode.PROVIDER_ERROR).hasMessageContaining("unable");
  }

  @Test
  void aRangeWithoutRowsIsNoData() throws Exception {
    String empty =
        ENVELOPE
            + "<ExchangeRatesByDateRangeByISOResponse xmlns=\"http://www.cba.am/\">"
            + "<ExchangeRatesByDateRangeByISOResult><xs:schema id=\"NewDataSet\""
            + " xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element"
            + " name=\"ExchangeRatesByRange\" /></xs:schema><diffgr:diffgram"
            + " xmlns:diffgr=\"urn:schemas-microsoft-com:xml-diffgram-v1\" />"
            + "</ExchangeRatesByDateRangeByISOResult></ExchangeRatesByDateRangeByISOResponse>"
            + "</soap:Body></soap:Envelope>";
    assertThat(source.providerError(200, utf8(empty)))
        .get()
        .extracting(ProviderError::kind)
        .isEqualTo(ProviderError.Kind.NO_DATA);
    assertThat(parser.parse(utf8(empty))).isEmpty();
  }

  @Test
  void refusesAnswersOfTheWrongShape() {
    assertRefused(
            parser, ENVELOPE + "<Other/></soap:Body></soap:Envelope>", ReasonCode.UNKNOWN_FORMAT)
        .hasMessageContaining("ExchangeRatesLatestResult");
    String undated =
        ENVELOPE
            + "<ExchangeRatesByDateRangeByISOResult><DocumentElement><ExchangeRatesByRange>"
            + "<Rate>1</Rate><Amount>1</Amount><ISO>USD</ISO></ExchangeRatesByRange>"
            + "</DocumentElement></ExchangeRatesByDateRangeByISOResult>"
            + "</soap:Body></soap:Envelope>";
    assertRefused(parser, undated, ReasonCode.UNKNOWN_FORMAT).hasMessageContaining("RateDate");
    String badDate =
        ENVELOPE
            + "<ExchangeRatesLatestResult><CurrentDate>18.03.2026</CurrentDate>"
            + "</ExchangeRatesLatestResult></soap:Body></soap:Envelope>";
    assertRefused(parser, badDate, ReasonCode.UNPARSEABLE).hasMessageContaining("CurrentDate");
    assertRefused(parser, "<!DOCTYPE x><x/>", ReasonCode.UNPARSEABLE);
  }

  @Test
  void requestsPostTheRecordedOperations() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode rangeMeta = json.readTree(RealFixtures.file(RANGE + ".response-meta.json"));
    JsonNode latestMeta = json.readTree(RealFixtures.file(LATEST + ".response-meta.json"));
    JsonNode parameters = rangeMeta.path("request_body_summary").path("parameters");
    SourceRequest range = source.range(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 19));

    assertThat(range.method()).isEqualTo(rangeMeta.path("request_method").asText());
    URI recorded = URI.create(rangeMeta.path("request_uri").asText());
    assertThat(range.url().getHost()).isEqualTo(recorded.getHost());
    assertThat(range.url().getPath()).isEqualTo(recorded.getPath());
    assertThat(range.headers())
        .containsEntry(
            "SOAPAction", rangeMeta.path("request_headers").path("Soapaction").get(0).asText())
        .containsEntry(
            "Content-Type", rangeMeta.path("request_headers").path("Content-Type").get(0).asText());
    assertThat(range.params())
        .containsEntry("ISOCodes", parameters.path("ISOCodes").asText())
        .containsEntry("DateFrom", parameters.path("DateFrom").asText())
        .containsEntry("DateTo", parameters.path("DateTo").asText());
    assertThat(range.body())
        .isEqualTo(CentralBankOfArmeniaSource.body(range))
        .contains("<ExchangeRatesByDateRangeByISO xmlns=\"http://www.cba.am/\">")
        .contains("<DateFrom>2026-03-01</DateFrom><DateTo>2026-03-19</DateTo>");

    SourceRequest latest = source.latest();
    assertThat(latest.method()).isEqualTo(latestMeta.path("request_method").asText());
    assertThat(latest.url()).isEqualTo(URI.create(latestMeta.path("request_uri").asText()));
    assertThat(latest.headers())
        .containsEntry(
            "SOAPAction", latestMeta.path("request_headers").path("Soapaction").get(0).asText());
    assertThat(latest.params()).isEmpty();
    assertThat(latest.requestedFrom()).isNull();
    assertThat(latest.body()).contains("<ExchangeRatesLatest xmlns=\"http://www.cba.am/\" />");

    SourceRequest day = source.day(LocalDate.of(2026, 3, 18));
    assertThat(day.params())
        .containsEntry("DateFrom", "2026-03-18")
        .containsEntry("DateTo", "2026-03-18");
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] latest = RealFixtures.file(LATEST);
    byte[] range = RealFixtures.file(RANGE);
    Set<String> quoted = new TreeSet<>();
    for (ProviderDay day : parser.parse(latest)) {
      quoted.addAll(day.rawRates().keySet());
    }
    for (ProviderDay day : parser.parse(range)) {
      quoted.addAll(day.rawRates().keySet());
    }
    quoted.remove("AMD");

    assertThat(new CentralBankOfArmeniaSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(quoted);
  }

  /** AMD→code is {@code amount / rate}, as the parser writes it (34 digits). */
  private static void assertRate(ProviderDay day, String code, String amount, String rate) {
    assertRate(day, code, amount, new BigDecimal(rate));
  }

  private static void assertRate(ProviderDay day, String code, String amount, BigDecimal rate) {
    assertThat(new BigDecimal(day.rawRates().get(code)))
        .as(code)
        .isEqualByComparingTo(new BigDecimal(amount).divide(rate, MathContext.DECIMAL128));
  }
}
