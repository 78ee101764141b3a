package io.makerates.sources.cbn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.ProviderError;
import io.makerates.sources.RealFixtures;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The CBN adapter and parser over a real (truncated) answer (see shared/fixtures/real/README.md).
 */
class CentralBankOfNigeriaConformanceTest {

  private static final String FILE =
      "cbn/GetAllExchangeRates_truncated-in-cassette_2026-05-14_to_2026-05-21.json";
  private final CentralBankOfNigeriaSource source =
      new CentralBankOfNigeriaSource(URI.create(CentralBankOfNigeriaSource.DEFAULT_BASE_URL));

  @Test
  void readsTheCentralRatesByLabelAsNgnToForeign() throws Exception {
    List<ProviderDay> days = new CentralBankOfNigeriaParser().parse(RealFixtures.file(FILE));

    assertThat(days).hasSize(6);
    assertThat(days.get(0).date()).isEqualTo(LocalDate.of(2026, 5, 14));
    ProviderDay last = days.get(5);
    assertThat(last.date()).isEqualTo(LocalDate.of(2026, 5, 21));
    assertThat(last.base()).isEqualTo("NGN");
    // 13 labels, the unit of account WAUA left out
    assertThat(last.rawRates())
        .hasSize(12)
        .containsKeys("XOF", "XDR", "JPY", "SAR")
        .doesNotContainKey("WAUA");
    assertThat(new BigDecimal(last.rawRates().get("EUR")))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(new BigDecimal("1590.1997"), MathContext.DECIMAL128));
    assertThat(new BigDecimal(last.rawRates().get("USD")))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(new BigDecimal("1371.8079"), MathContext.DECIMAL128));
    assertThat(new BigDecimal(last.rawRates().get("XOF")))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(new BigDecimal("2.4200"), MathContext.DECIMAL128));
  }

  @Test
  void readsLabelVariantsWithStrayWhitespace() throws Exception {
    String body =
        "[{\"currency\":\" JAPANESE  YEN \",\"ratedate\":\"2026-05-21\",\"centralrate\":\"8.6147\"},"
            + "{\"currency\":\"POUND STERLING\",\"ratedate\":\"2026-05-21\",\"centralrate\":\"1839.5944\"}]";
    ProviderDay day =
        new CentralBankOfNigeriaParser().parse(body.getBytes(StandardCharsets.UTF_8)).get(0);
    assertThat(day.rawRates()).containsOnlyKeys("JPY", "GBP");
  }

  @Test
  void recognisesTheArrayAndRefusesAnHtmlPage() throws Exception {
    byte[] body = RealFixtures.file(FILE);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(
            source.providerError(200, "<!DOCTYPE html><title>Just a moment...</title>".getBytes()))
        .get()
        .extracting(ProviderError::kind)
        .isEqualTo(ProviderError.Kind.MALFORMED);
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 5, 21));
  }

  @Test
  void everyRequestAsksForTheWholeHistoryAsRecorded() throws Exception {
    URI recorded =
        URI.create(
            new ObjectMapper()
                .readTree(RealFixtures.file(FILE + ".response-meta.json"))
                .path("request_uri")
                .asText());
    assertThat(source.latest().url()).isEqualTo(recorded);
    assertThat(source.day(LocalDate.of(2026, 5, 21)).url()).isEqualTo(recorded);
    assertThat(source.range(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 21)).requestedTo())
        .isEqualTo(LocalDate.of(2026, 5, 21));
  }

  @Test
  void refusesAnObjectInPlaceOfTheArray() {
    assertThatThrownBy(
            () ->
                new CentralBankOfNigeriaParser()
                    .parse("{\"error\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AnswerRejectedException.class);
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(FILE);
    Set<String> recorded = new TreeSet<>();
    for (ProviderDay day : new CentralBankOfNigeriaParser().parse(body)) {
      recorded.addAll(day.rawRates().keySet());
      recorded.remove(day.base());
    }
    assertThat(new CentralBankOfNigeriaSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(recorded);
  }
}
