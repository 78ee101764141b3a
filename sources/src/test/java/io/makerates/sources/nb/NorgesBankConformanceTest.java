package io.makerates.sources.nb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Norges Bank against its real SDMX-CSV answer of 16–24 March 2026 (shared/fixtures/real/nb). */
class NorgesBankConformanceTest {

  private static final String FIXTURE = "nb/EXR_B..NOK.SP_2026-03-16_to_2026-03-24.csv";
  private final NorgesBankParser parser = new NorgesBankParser();
  private final NorgesBankSource source =
      new NorgesBankSource(URI.create(NorgesBankSource.DEFAULT_BASE_URL));

  @Test
  void readsEachBusinessDayAsNokToEachCurrency() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(FIXTURE));

    // seven business days, regrouped from series order into days
    assertThat(days).hasSize(7);
    assertThat(days.get(0).date()).isEqualTo(LocalDate.of(2026, 3, 16));
    assertThat(days.get(6).date()).isEqualTo(LocalDate.of(2026, 3, 24));
    ProviderDay first = days.get(0);
    assertThat(first.base()).isEqualTo("NOK");
    Map<String, String> rates = first.rawRates();
    // 38 codes less the two krone indices
    assertThat(rates)
        .hasSize(36)
        .containsKeys("XDR", "BDT", "TWD")
        .doesNotContainKeys("TWI", "I44");
    assertThat(new BigDecimal(rates.get("EUR"))).isEqualByComparingTo(inverse("1", "11.149"));
    assertThat(new BigDecimal(rates.get("USD"))).isEqualByComparingTo(inverse("1", "9.7134"));
    // UNIT_MULT 2: NOK per 100 yen
    assertThat(new BigDecimal(rates.get("JPY"))).isEqualByComparingTo(inverse("100", "6.1037"));
    assertThat(new BigDecimal(rates.get("HUF"))).isEqualByComparingTo(inverse("100", "2.857"));
  }

  @Test
  void answersAreRecognisedAndOthersAreNot() throws Exception {
    byte[] body = RealFixtures.file(FIXTURE);

    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 24));
    assertThat(source.providerError(200, "<!DOCTYPE html><html></html>".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
    assertThat(source.providerError(404, "No Results Found".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.NO_DATA);
  }

  @Test
  void requestsHaveTheRecordedShape() throws Exception {
    URI recorded =
        URI.create(
            new ObjectMapper()
                .readTree(RealFixtures.file(FIXTURE + ".response-meta.json"))
                .path("request_uri")
                .asText());

    SourceRequest range = source.range(LocalDate.of(2026, 3, 16), LocalDate.of(2026, 3, 24));
    assertThat(range.url().getHost()).isEqualTo(recorded.getHost());
    assertThat(range.url().getPath()).isEqualTo(recorded.getPath());
    // the same parameters (the recording lists them sorted)
    assertThat(List.of(range.url().getQuery().split("&")))
        .containsExactlyInAnyOrder(recorded.getQuery().split("&"));
    assertThat(source.day(LocalDate.of(2026, 3, 16)).url().getQuery())
        .isEqualTo("format=csvdata&startPeriod=2026-03-16&endPeriod=2026-03-16");
    assertThat(source.latest().url().getQuery()).isEqualTo("format=csvdata&lastNObservations=1");
  }

  @Test
  void refusesCsvWithoutTheSdmxColumns() {
    assertThatThrownBy(() -> parser.parse("DATE,USD\n2026-03-16,9.7\n".getBytes()))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
  }

  private static BigDecimal inverse(String units, String value) {
    return new BigDecimal(units).divide(new BigDecimal(value), MathContext.DECIMAL128);
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] recorded = RealFixtures.file(FIXTURE);
    java.util.Set<String> quoted = new java.util.TreeSet<>();
    for (ProviderDay day : new NorgesBankParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }
    assertThat(new NorgesBankSamples().currencies()).containsExactlyInAnyOrderElementsOf(quoted);
  }
}
