package io.makerates.sources.bcb;

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
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The BCB adapter and parser against real PTAX answers (shared/fixtures/real/bcb). */
class BancoCentralDoBrasilConformanceTest {

  private static final String DIR = "bcb/PTAX_CotacaoMoedaPeriodo_Fechamento_";
  private static final String USD = DIR + "USD_2026-03-02_to_2026-03-06.json";
  private static final String EUR = DIR + "EUR_2026-03-02_to_2026-03-06.json";

  private final BancoCentralDoBrasilParser parser = new BancoCentralDoBrasilParser();
  private final BancoCentralDoBrasilSource source =
      new BancoCentralDoBrasilSource(
          URI.create(BancoCentralDoBrasilSource.DEFAULT_BASE_URL),
          Clock.fixed(Instant.parse("2026-03-07T16:00:00Z"), ZoneOffset.UTC));

  @Test
  void readsTheClosingSellingRateOfEachBusinessDayAsBrlToUsd() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(USD));

    assertThat(days)
        .extracting(ProviderDay::date)
        .containsExactly(
            LocalDate.of(2026, 3, 2),
            LocalDate.of(2026, 3, 3),
            LocalDate.of(2026, 3, 4),
            LocalDate.of(2026, 3, 5),
            LocalDate.of(2026, 3, 6));
    assertThat(days).allSatisfy(d -> assertThat(d.base()).isEqualTo("BRL"));
    assertThat(days).allSatisfy(d -> assertThat(d.rawRates()).containsOnlyKeys("USD"));
    // cotacaoVenda 5.20010 BRL per USD on 2 March, 5.28780 on 6 March
    assertThat(inverse(days.get(0), "USD")).isEqualByComparingTo("5.20010");
    assertThat(inverse(days.get(4), "USD")).isEqualByComparingTo("5.28780");
    assertThat(inverse(days.get(3), "USD")).isEqualByComparingTo("5.24470");
  }

  @Test
  void refusesAnotherCurrencysAnswerRatherThanFileItAsTheDollar() throws Exception {
    byte[] euro = RealFixtures.file(EUR);
    assertThatThrownBy(() -> parser.parse(euro))
        .isInstanceOf(AnswerRejectedException.class)
        .hasMessageContaining("paridadeCompra 1.16790");
  }

  @Test
  void refusesAMalformedBody() {
    assertThatThrownBy(() -> parser.parse("{\"value\":{}}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AnswerRejectedException.class)
        .extracting(e -> ((AnswerRejectedException) e).reason())
        .isEqualTo(ReasonCode.UNKNOWN_FORMAT);
  }

  @Test
  void recognisesErrorsAndDatesTheAnswer() throws Exception {
    byte[] body = RealFixtures.file(USD);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 6));
    assertThat(source.providerError(200, "<html><body>Erro</body></html>".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
    assertThat(source.providerError(200, "{\"value\":[]}".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.NO_DATA);
    assertThat(
            source.providerError(
                400, "{\"error\":{\"code\":\"\",\"message\":\"bad literal\"}}".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.OTHER);
  }

  @Test
  void buildsTheRecordedRequestShape() throws Exception {
    URI recorded = recordedUri(USD);
    SourceRequest range = source.range(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 7));
    assertThat(range.url().getRawPath()).isEqualTo(recorded.getRawPath());
    assertThat(query(range.url())).isEqualTo(query(recorded));
    assertThat(range.url().getHost()).isEqualTo(recorded.getHost());
    assertThat(range.requestedFrom()).isEqualTo(LocalDate.of(2026, 3, 1));

    assertThat(query(source.day(LocalDate.of(2026, 3, 4)).url()))
        .containsEntry("@dataInicial", "'03-04-2026'")
        .containsEntry("@dataFinalCotacao", "'03-04-2026'");
    SourceRequest latest = source.latest();
    assertThat(latest.requestedFrom()).isNull();
    assertThat(query(latest.url()))
        .containsEntry("@dataInicial", "'03-02-2026'")
        .containsEntry("@dataFinalCotacao", "'03-07-2026'")
        .containsEntry("@moeda", "'USD'");
  }

  static URI recordedUri(String fixture) throws Exception {
    byte[] meta = RealFixtures.file(fixture + ".response-meta.json");
    return URI.create(new ObjectMapper().readTree(meta).path("request_uri").asText());
  }

  /** The decoded query parameters, whatever their order. */
  static Map<String, String> query(URI uri) {
    Map<String, String> params = new TreeMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  private static BigDecimal inverse(ProviderDay day, String currency) {
    return BigDecimal.ONE.divide(
        new BigDecimal(day.rawRates().get(currency)), java.math.MathContext.DECIMAL64);
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] recorded = RealFixtures.file(USD);
    Set<String> quoted = new TreeSet<>();
    for (ProviderDay day : new BancoCentralDoBrasilParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }

    assertThat(new BcbSamples().currencies()).containsExactlyInAnyOrderElementsOf(quoted);
  }
}
