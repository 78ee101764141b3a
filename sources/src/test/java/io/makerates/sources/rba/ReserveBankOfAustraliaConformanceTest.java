package io.makerates.sources.rba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.ProviderError;
import io.makerates.sources.RealFixtures;
import io.makerates.sources.SourceRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The RBA adapter and parser over a real F11.1 table (see shared/fixtures/real/README.md). */
class ReserveBankOfAustraliaConformanceTest {

  private static final String FILE = "rba/f11.1-data_2023-01-03_to_2026-03-20.csv";
  private final ReserveBankOfAustraliaSource source =
      new ReserveBankOfAustraliaSource(URI.create(ReserveBankOfAustraliaSource.DEFAULT_BASE_URL));

  @Test
  void readsEveryDayOfTheRealTableAsForeignPerAud() throws Exception {
    List<ProviderDay> days = new ReserveBankOfAustraliaParser().parse(RealFixtures.file(FILE));

    assertThat(days).hasSize(808);
    assertThat(days.get(0).date()).isEqualTo(LocalDate.of(2023, 1, 3));
    ProviderDay last = days.get(days.size() - 1);
    assertThat(last.date()).isEqualTo(LocalDate.of(2026, 3, 20));
    assertThat(last.base()).isEqualTo("AUD");
    // 22 currency columns (the index left out), AED and ZAR empty
    assertThat(last.rawRates()).hasSize(20).doesNotContainKeys("AED", "ZAR", "Index", "SDR");
    assertThat(new BigDecimal(last.rawRates().get("USD"))).isEqualByComparingTo("0.7088");
    assertThat(new BigDecimal(last.rawRates().get("EUR"))).isEqualByComparingTo("0.6132");
    assertThat(new BigDecimal(last.rawRates().get("JPY"))).isEqualByComparingTo("112.27");
    assertThat(new BigDecimal(last.rawRates().get("XDR"))).isEqualByComparingTo("0.5217");
    assertThat(new BigDecimal(last.rawRates().get("IDR"))).isEqualByComparingTo("12039");
    // CAD starts on 21 Dec 2023
    assertThat(days.get(0).rawRates()).doesNotContainKey("CAD").hasSize(18);
  }

  @Test
  void recognisesTheTableAndRefusesAnHtmlPage() throws Exception {
    byte[] body = RealFixtures.file(FILE);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.providerError(200, "<html><body>Not found</body></html>".getBytes()))
        .get()
        .extracting(ProviderError::kind)
        .isEqualTo(ProviderError.Kind.MALFORMED);
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 20));
  }

  @Test
  void everyRequestAsksForTheRecordedFile() throws Exception {
    URI recorded = recordedUri();
    assertThat(source.latest().url()).isEqualTo(recorded);
    SourceRequest day = source.day(LocalDate.of(2026, 3, 20));
    assertThat(day.url()).isEqualTo(recorded);
    assertThat(day.requestedFrom()).isEqualTo(LocalDate.of(2026, 3, 20));
    SourceRequest range = source.range(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 3, 20));
    assertThat(range.url()).isEqualTo(recorded);
    assertThat(range.method()).isEqualTo("GET");
    assertThat(range.requestedTo()).isEqualTo(LocalDate.of(2026, 3, 20));
  }

  @Test
  void refusesATableWithoutItsHeaderOrWithABrokenRow() {
    ReserveBankOfAustraliaParser parser = new ReserveBankOfAustraliaParser();
    assertThatThrownBy(() -> parser.parse("<html></html>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AnswerRejectedException.class);
    String broken = "Units,USD,EUR\nSeries ID,FXRUSD,FXREUR\n03-Jan-2023,0.6828\n";
    assertThatThrownBy(() -> parser.parse(broken.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AnswerRejectedException.class)
        .hasMessageContaining("line 3");
  }

  private static URI recordedUri() throws Exception {
    return URI.create(
        new ObjectMapper()
            .readTree(RealFixtures.file(FILE + ".response-meta.json"))
            .path("request_uri")
            .asText());
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] recorded = RealFixtures.file(FILE);
    Set<String> quoted = new TreeSet<>();
    for (ProviderDay day : new ReserveBankOfAustraliaParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }

    assertThat(new RbaSamples().currencies()).containsExactlyInAnyOrderElementsOf(quoted);
  }
}
