package io.makerates.sources.cbk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.ProviderError;
import io.makerates.sources.RealFixtures;
import io.makerates.sources.SourceRequest;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The CBK adapter and parser over a real table answer (see shared/fixtures/real/README.md). */
class CentralBankOfKenyaConformanceTest {

  private static final String FILE = "cbk/admin-ajax_get_wdtable_193_2024-01-05_to_2026-03-19.json";
  private final CentralBankOfKenyaSource source =
      new CentralBankOfKenyaSource(URI.create(CentralBankOfKenyaSource.DEFAULT_BASE_URL));

  @Test
  void readsEveryDayByLabelInBothDirections() throws Exception {
    List<ProviderDay> days = new CentralBankOfKenyaParser().parse(RealFixtures.file(FILE));

    // 550 blocks of 21 rows, 28 Nov 2025 twice with the same values
    assertThat(days).hasSize(549);
    assertThat(days.get(0).date()).isEqualTo(LocalDate.of(2024, 1, 5));
    ProviderDay last = days.get(days.size() - 1);
    assertThat(last.date()).isEqualTo(LocalDate.of(2026, 3, 19));
    assertThat(last.base()).isEqualTo("KES");
    assertThat(last.rawRates()).hasSize(21).containsKeys("UGX", "TZS", "RWF", "BIF", "SAR");
    assertThat(new BigDecimal(last.rawRates().get("EUR")))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(new BigDecimal("149.16"), MathContext.DECIMAL128));
    assertThat(new BigDecimal(last.rawRates().get("USD")))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(new BigDecimal("129.52"), MathContext.DECIMAL128));
    // KES per 100 yen
    assertThat(new BigDecimal(last.rawRates().get("JPY")))
        .isEqualByComparingTo(
            new BigDecimal("100").divide(new BigDecimal("81.20"), MathContext.DECIMAL128));
    // shillings of Uganda per KES, as sent
    assertThat(new BigDecimal(last.rawRates().get("UGX"))).isEqualByComparingTo("29.09");
  }

  @Test
  void recognisesTheTableAndRefusesWordPressAndProxyPages() throws Exception {
    byte[] body = RealFixtures.file(FILE);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.providerError(200, "0".getBytes()))
        .get()
        .extracting(ProviderError::kind)
        .isEqualTo(ProviderError.Kind.MALFORMED);
    assertThat(
            source.providerError(
                200, "<html><title>Sucuri WebSite Firewall</title></html>".getBytes()))
        .get()
        .extracting(ProviderError::kind)
        .isEqualTo(ProviderError.Kind.MALFORMED);
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 19));
  }

  @Test
  void requestsPostTheRecordedForm() throws Exception {
    JsonNode meta = new ObjectMapper().readTree(RealFixtures.file(FILE + ".response-meta.json"));
    SourceRequest day = source.day(LocalDate.of(2026, 3, 19));

    assertThat(day.url()).isEqualTo(URI.create(meta.path("request_uri").asText()));
    assertThat(day.method()).isEqualTo(meta.path("request_method").asText());
    assertThat(day.headers())
        .containsEntry(
            "Content-Type", meta.path("request_headers").path("Content-Type").get(0).asText());
    JsonNode form = meta.path("request_body_summary").path("parameters");
    assertThat(CentralBankOfKenyaSource.body(day))
        .isEqualTo(
            "draw="
                + form.path("draw").asText()
                + "&start="
                + form.path("start").asText()
                + "&length="
                + form.path("length").asText());
    assertThat(source.latest().url()).isEqualTo(day.url());
    assertThat(source.range(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 3, 19)).requestedFrom())
        .isEqualTo(LocalDate.of(2025, 1, 1));
  }

  @Test
  void refusesRowsThatAreNotDateLabelValue() {
    String broken = "{\"draw\":1,\"data\":[[\"19\\/03\\/2026\",\"EURO\"]]}";
    assertThatThrownBy(
            () -> new CentralBankOfKenyaParser().parse(broken.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AnswerRejectedException.class)
        .hasMessageContaining("row 0");
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(FILE);
    Set<String> recorded = new TreeSet<>();
    for (ProviderDay day : new CentralBankOfKenyaParser().parse(body)) {
      recorded.addAll(day.rawRates().keySet());
      recorded.remove(day.base());
    }
    assertThat(new CentralBankOfKenyaSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(recorded);
  }
}
