package io.makerates.sources.bna;

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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The BNA (Angola) adapter and parser against real answers (shared/fixtures/real/bna). */
class BancoNacionalDeAngolaConformanceTest {

  private static final String DIR = "bna/taxas_evolucao_intervalo_moeda-";
  private static final String ALL =
      DIR + "ALL-returns-every-currency_2026-05-19_to_2026-05-21.json";
  private static final String EUR = DIR + "EUR_2026-05-19_to_2026-05-21.json";
  private static final String EMPTY = DIR + "SDG_empty.json";

  private final BancoNacionalDeAngolaParser parser = new BancoNacionalDeAngolaParser();
  private final BancoNacionalDeAngolaSource source =
      new BancoNacionalDeAngolaSource(
          URI.create(BancoNacionalDeAngolaSource.DEFAULT_BASE_URL),
          Clock.fixed(Instant.parse("2026-05-22T15:00:00Z"), ZoneOffset.UTC));

  @Test
  void readsEveryCurrencyOfEachDayAsAoaToX() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(ALL));

    assertThat(days)
        .extracting(ProviderDay::date)
        .containsExactly(
            LocalDate.of(2026, 5, 19), LocalDate.of(2026, 5, 20), LocalDate.of(2026, 5, 21));
    assertThat(days).allSatisfy(d -> assertThat(d.base()).isEqualTo("AOA"));
    // 71 codes less XAU (USD per ounce) and XDRUSD (no currency)
    assertThat(days).allSatisfy(d -> assertThat(d.rawRates()).hasSize(69));
    assertThat(days.get(0).rawRates()).doesNotContainKeys("XAU", "XDRUSD").containsKey("ALL");
    assertThat(aoaPer(days.get(0), "USD")).isEqualByComparingTo("913.116");
    assertThat(aoaPer(days.get(0), "EUR")).isEqualByComparingTo("1060.8582");
    assertThat(aoaPer(days.get(2), "JPY")).isEqualByComparingTo("5.73746");
    // the one-currency answer agrees with the whole table
    ProviderDay euro = parser.parse(RealFixtures.file(EUR)).get(1);
    assertThat(euro.rawRates()).containsOnlyKeys("EUR");
    assertThat(euro.rawRates().get("EUR")).isEqualTo(days.get(1).rawRates().get("EUR"));
  }

  @Test
  void readsAnEmptyAnswerAsNoDaysAndRefusesAMalformedBody() throws Exception {
    byte[] empty = RealFixtures.file(EMPTY);
    assertThat(parser.parse(empty)).isEmpty();
    assertThat(source.providerError(200, empty))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.NO_DATA);
    assertThatThrownBy(() -> parser.parse("{\"genericResponse\":[{\"taxa\":1}]}".getBytes()))
        .isInstanceOf(AnswerRejectedException.class)
        .extracting(e -> ((AnswerRejectedException) e).reason())
        .isEqualTo(ReasonCode.UNKNOWN_FORMAT);
  }

  @Test
  void recognisesErrorsAndDatesTheAnswer() throws Exception {
    byte[] body = RealFixtures.file(ALL);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 5, 21));
    assertThat(source.providerError(200, "<html><body>502 Bad Gateway</body></html>".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
    assertThat(source.providerError(200, "{\"genericResponse\":null,\"success\":false}".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.OTHER);
  }

  @Test
  void buildsTheRecordedRequest() throws Exception {
    byte[] meta = RealFixtures.file(ALL + ".response-meta.json");
    URI recorded = URI.create(new ObjectMapper().readTree(meta).path("request_uri").asText());
    SourceRequest range = source.range(LocalDate.of(2026, 5, 18), LocalDate.of(2026, 5, 21));
    assertThat(range.url()).isEqualTo(recorded);
    assertThat(source.day(LocalDate.of(2026, 5, 20)).url().getQuery())
        .isEqualTo("datafim=2026-05-20&datainicio=2026-05-20&moeda=ALL&tipocambio=M");
    SourceRequest latest = source.latest();
    assertThat(latest.requestedFrom()).isNull();
    assertThat(latest.url().getQuery())
        .isEqualTo("datafim=2026-05-22&datainicio=2026-05-17&moeda=ALL&tipocambio=M");
  }

  private static BigDecimal aoaPer(ProviderDay day, String currency) {
    return BigDecimal.ONE.divide(
        new BigDecimal(day.rawRates().get(currency)), MathContext.DECIMAL64);
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] recorded = RealFixtures.file(ALL);
    Set<String> quoted = new TreeSet<>();
    for (ProviderDay day : new BancoNacionalDeAngolaParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }

    assertThat(new BnaSamples().currencies()).containsExactlyInAnyOrderElementsOf(quoted);
  }
}
