package io.makerates.sources.banxico;

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
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Banxico adapter and parser against a real SIE answer (shared/fixtures/real/banxico). */
class BancoDeMexicoConformanceTest {

  private static final String SIE =
      "banxico/SieAPIRest_series_SF43718-SF46410-SF46407-SF46406-SF60632_2026-03-02_to_2026-03-13.json";

  private final BancoDeMexicoParser parser = new BancoDeMexicoParser();
  private final BancoDeMexicoSource source =
      new BancoDeMexicoSource(URI.create(BancoDeMexicoSource.DEFAULT_BASE_URL));

  @Test
  void readsFiveSeriesOfTenBusinessDaysAsMxnToX() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(SIE));

    assertThat(days).hasSize(10);
    assertThat(days.get(0).date()).isEqualTo(LocalDate.of(2026, 3, 2));
    assertThat(days.get(9).date()).isEqualTo(LocalDate.of(2026, 3, 13));
    assertThat(days).allSatisfy(d -> assertThat(d.base()).isEqualTo("MXN"));
    assertThat(days)
        .allSatisfy(
            d -> assertThat(d.rawRates()).containsOnlyKeys("USD", "EUR", "GBP", "JPY", "CAD"));
    assertThat(mxnPer(days.get(0), "USD")).isEqualByComparingTo("17.3485");
    assertThat(mxnPer(days.get(0), "EUR")).isEqualByComparingTo("20.3541");
    assertThat(mxnPer(days.get(0), "JPY")).isEqualByComparingTo("0.1105");
    assertThat(mxnPer(days.get(9), "USD")).isEqualByComparingTo("17.9218");
  }

  @Test
  void leavesOutNoValueAndRefusesAMalformedBody() throws Exception {
    byte[] gap =
        "{\"bmx\":{\"series\":[{\"idSerie\":\"SF43718\",\"datos\":[{\"fecha\":\"16/03/2026\",\"dato\":\"N/E\"},{\"fecha\":\"17/03/2026\",\"dato\":\"17.9\"}]}]}}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(parser.parse(gap))
        .extracting(ProviderDay::date)
        .containsExactly(LocalDate.of(2026, 3, 17));
    assertThatThrownBy(() -> parser.parse("{\"bmx\":{}}".getBytes()))
        .isInstanceOf(AnswerRejectedException.class)
        .extracting(e -> ((AnswerRejectedException) e).reason())
        .isEqualTo(ReasonCode.UNKNOWN_FORMAT);
  }

  @Test
  void recognisesErrorsAndDatesTheAnswer() throws Exception {
    byte[] body = RealFixtures.file(SIE);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 13));
    assertThat(source.providerError(200, "<html><title>Error</title></html>".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
    byte[] refused =
        "{\"error\":{\"mensaje\":\"Token inválido\",\"detalle\":\"El token no es válido\"}}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(source.providerError(401, refused))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.KEY_REJECTED);
    byte[] unknown =
        "{\"error\":{\"mensaje\":\"Serie no encontrada\",\"detalle\":\"SF1\"}}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(source.providerError(404, unknown))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.OTHER);
  }

  @Test
  void buildsTheRecordedRequestWithTheTokenInItsHeader() throws Exception {
    byte[] meta = RealFixtures.file(SIE + ".response-meta.json");
    URI recorded = URI.create(new ObjectMapper().readTree(meta).path("request_uri").asText());
    SourceRequest range = source.range(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 15));
    assertThat(range.url()).isEqualTo(recorded);
    assertThat(range.headers()).containsEntry("Bmx-Token", SourceRequest.API_KEY_SLOT);
    assertThat(range.url().toString()).doesNotContain(SourceRequest.API_KEY_SLOT);
    assertThat(source.usesApiKey()).isTrue();
    assertThat(source.day(LocalDate.of(2026, 3, 4)).url().getPath())
        .endsWith("/datos/2026-03-04/2026-03-04");
    SourceRequest latest = source.latest();
    assertThat(latest.url().getPath())
        .endsWith("/SF43718,SF46410,SF46407,SF46406,SF60632/datos/oportuno");
    assertThat(latest.headers()).containsEntry("Bmx-Token", SourceRequest.API_KEY_SLOT);
  }

  private static BigDecimal mxnPer(ProviderDay day, String currency) {
    return BigDecimal.ONE.divide(
        new BigDecimal(day.rawRates().get(currency)), MathContext.DECIMAL64);
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(SIE);
    Set<String> recorded = new TreeSet<>();
    for (ProviderDay day : new BancoDeMexicoParser().parse(body)) {
      recorded.addAll(day.rawRates().keySet());
      recorded.remove(day.base());
    }
    assertThat(new BancoDeMexicoSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(recorded);
  }
}
