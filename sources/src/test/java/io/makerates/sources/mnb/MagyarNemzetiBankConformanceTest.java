package io.makerates.sources.mnb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.ProviderError;
import io.makerates.sources.RealFixtures;
import io.makerates.sources.SourceRequest;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The MNB adapter and parser over a real SOAP answer (see shared/fixtures/real/README.md). */
class MagyarNemzetiBankConformanceTest {

  private static final String FILE =
      "mnb/arfolyamok.asmx_GetExchangeRates_2025-03-24_to_2025-03-28.xml";
  private final MagyarNemzetiBankSource source =
      new MagyarNemzetiBankSource(
          URI.create(MagyarNemzetiBankSource.DEFAULT_BASE_URL),
          Clock.fixed(Instant.parse("2025-03-28T12:00:00Z"), ZoneOffset.UTC));

  @Test
  void readsTheEscapedDocumentAsHufToForeignWithUnits() throws Exception {
    List<ProviderDay> days = new MagyarNemzetiBankParser().parse(RealFixtures.file(FILE));

    assertThat(days)
        .extracting(ProviderDay::date)
        .containsExactly(
            LocalDate.of(2025, 3, 24),
            LocalDate.of(2025, 3, 25),
            LocalDate.of(2025, 3, 26),
            LocalDate.of(2025, 3, 27),
            LocalDate.of(2025, 3, 28));
    ProviderDay last = days.get(4);
    assertThat(last.base()).isEqualTo("HUF");
    assertThat(last.rawRates()).hasSize(32);
    assertThat(new BigDecimal(last.rawRates().get("EUR")))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(new BigDecimal("402.61"), MathContext.DECIMAL128));
    assertThat(new BigDecimal(last.rawRates().get("USD")))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(new BigDecimal("373.72"), MathContext.DECIMAL128));
    // JPY is HUF per 100 yen
    assertThat(new BigDecimal(last.rawRates().get("JPY")))
        .isEqualByComparingTo(
            new BigDecimal("100").divide(new BigDecimal("248.17"), MathContext.DECIMAL128));
  }

  @Test
  void recognisesTheAnswerAndItsFaults() throws Exception {
    byte[] body = RealFixtures.file(FILE);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(
            source.providerError(200, "<html><body>Service Unavailable</body></html>".getBytes()))
        .get()
        .extracting(ProviderError::kind)
        .isEqualTo(ProviderError.Kind.MALFORMED);
    byte[] fault = fault("Server was unable to process request.");
    assertThat(source.providerError(500, fault))
        .get()
        .extracting(ProviderError::kind)
        .isEqualTo(ProviderError.Kind.OTHER);
    assertThatThrownBy(() -> new MagyarNemzetiBankParser().parse(fault))
        .isInstanceOf(AnswerRejectedException.class)
        .extracting(e -> ((AnswerRejectedException) e).reason())
        .isEqualTo(ReasonCode.PROVIDER_ERROR);
    assertThat(source.answerDate(body)).contains(LocalDate.of(2025, 3, 28));
  }

  @Test
  void requestsPostTheRecordedOperation() throws Exception {
    JsonNode meta = new ObjectMapper().readTree(RealFixtures.file(FILE + ".response-meta.json"));
    JsonNode parameters = meta.path("request_body_summary").path("parameters");
    SourceRequest range = source.range(LocalDate.of(2025, 3, 24), LocalDate.of(2025, 3, 28));

    assertThat(range.method()).isEqualTo(meta.path("request_method").asText());
    URI recorded = URI.create(meta.path("request_uri").asText());
    assertThat(range.url().getHost()).isEqualTo(recorded.getHost());
    assertThat(range.url().getPath()).isEqualTo(recorded.getPath());
    assertThat(range.headers())
        .containsEntry(
            "SOAPAction", meta.path("request_headers").path("Soapaction").get(0).asText());
    assertThat(range.params())
        .containsEntry("startDate", parameters.path("startDate").asText())
        .containsEntry("endDate", parameters.path("endDate").asText())
        .containsEntry("currencyNames", parameters.path("currencyNames").asText());
    assertThat(range.body()).isEqualTo(MagyarNemzetiBankSource.body(range));
    assertThat(MagyarNemzetiBankSource.body(range))
        .contains("<GetExchangeRates xmlns=\"http://www.mnb.hu/webservices/\">")
        .contains("<startDate>2025-03-24</startDate><endDate>2025-03-28</endDate>");
    assertThat(source.latest().params()).containsEntry("startDate", "2025-03-23");
    assertThat(source.day(LocalDate.of(2025, 3, 26)).params())
        .containsEntry("endDate", "2025-03-26");
  }

  @Test
  void refusesAnEnvelopeWithoutTheRatesDocument() {
    String empty =
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
            + "<GetExchangeRatesResult>&lt;Other/&gt;</GetExchangeRatesResult></s:Body></s:Envelope>";
    assertThatThrownBy(
            () -> new MagyarNemzetiBankParser().parse(empty.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AnswerRejectedException.class)
        .hasMessageContaining("MNBExchangeRates");
  }

  private static byte[] fault(String message) {
    return ("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>"
            + "<faultcode>s:Server</faultcode><faultstring>"
            + message
            + "</faultstring></s:Fault></s:Body></s:Envelope>")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] recorded = RealFixtures.file(FILE);
    Set<String> quoted = new TreeSet<>();
    for (ProviderDay day : new MagyarNemzetiBankParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }

    assertThat(new MnbSamples().currencies()).containsExactlyInAnyOrderElementsOf(quoted);
  }
}
