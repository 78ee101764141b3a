package io.makerates.sources.banrep;

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

/** The BanRep adapter and parser against a real TRM answer (shared/fixtures/real/banrep). */
class BancoDeLaRepublicaConformanceTest {

  private static final String TRM =
      "banrep/datos.gov.co_32sa-8pi3_TRM_2026-03-17_to_2026-03-21.json";

  private final BancoDeLaRepublicaParser parser = new BancoDeLaRepublicaParser();
  private final BancoDeLaRepublicaSource source =
      new BancoDeLaRepublicaSource(
          URI.create(BancoDeLaRepublicaSource.DEFAULT_BASE_URL),
          Clock.fixed(Instant.parse("2026-03-30T23:40:00Z"), ZoneOffset.UTC));

  @Test
  void filesEachTrmUnderTheMarketDayBeforeItComesIntoForce() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(TRM));

    // in force from 17, 18, 19, 20 and 21 (Saturday, to Tuesday 24) March
    assertThat(days)
        .extracting(ProviderDay::date)
        .containsExactly(
            LocalDate.of(2026, 3, 16),
            LocalDate.of(2026, 3, 17),
            LocalDate.of(2026, 3, 18),
            LocalDate.of(2026, 3, 19),
            LocalDate.of(2026, 3, 20));
    assertThat(days).allSatisfy(d -> assertThat(d.base()).isEqualTo("COP"));
    assertThat(days).allSatisfy(d -> assertThat(d.rawRates()).containsOnlyKeys("USD"));
    assertThat(copPerUsd(days.get(0))).isEqualByComparingTo("3691.9");
    assertThat(copPerUsd(days.get(1))).isEqualByComparingTo("3689.97");
    assertThat(copPerUsd(days.get(4))).isEqualByComparingTo("3704.87");
  }

  @Test
  void refusesAMalformedBody() {
    assertThatThrownBy(() -> parser.parse("[{\"valor\":\"1\",\"unidad\":\"COP\"}]".getBytes()))
        .isInstanceOf(AnswerRejectedException.class)
        .extracting(e -> ((AnswerRejectedException) e).reason())
        .isEqualTo(ReasonCode.UNKNOWN_FORMAT);
    assertThatThrownBy(
            () ->
                parser.parse(
                    "[{\"valor\":\"1\",\"unidad\":\"USD\",\"vigenciadesde\":\"2026-03-17T00:00:00.000\"}]"
                        .getBytes()))
        .isInstanceOf(AnswerRejectedException.class)
        .hasMessageContaining("not COP");
  }

  @Test
  void recognisesErrorsAndDatesTheAnswer() throws Exception {
    byte[] body = RealFixtures.file(TRM);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 20));
    assertThat(source.providerError(200, "<html><head><title>504</title></head></html>".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
    assertThat(source.providerError(200, "[]".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.NO_DATA);
    byte[] error =
        "{\"code\":\"query.compiler.malformed\",\"error\":true,\"message\":\"Could not parse\"}"
            .getBytes();
    assertThat(source.providerError(400, error))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.OTHER);
  }

  @Test
  void buildsTheRecordedRequestShape() throws Exception {
    byte[] meta = RealFixtures.file(TRM + ".response-meta.json");
    URI recorded = URI.create(new ObjectMapper().readTree(meta).path("request_uri").asText());
    // the recorded window, in force 16..24 March, holds the market days 15..23 March
    SourceRequest range = source.range(LocalDate.of(2026, 3, 15), LocalDate.of(2026, 3, 23));
    assertThat(range.url()).isEqualTo(recorded);
    assertThat(source.day(LocalDate.of(2026, 3, 20)).url().getRawQuery())
        .contains("%272026-03-21T00:00:00.000%27%20AND%20vigenciadesde%3C=%272026-03-21T");
    SourceRequest latest = source.latest();
    assertThat(latest.requestedFrom()).isNull();
    assertThat(latest.url().getRawPath()).isEqualTo(recorded.getRawPath());
    assertThat(latest.url().getRawQuery())
        .contains("%3E=%272026-03-26T00:00:00.000%27", "%3C=%272026-04-02T00:00:00.000%27");
  }

  private static BigDecimal copPerUsd(ProviderDay day) {
    return BigDecimal.ONE.divide(new BigDecimal(day.rawRates().get("USD")), MathContext.DECIMAL64);
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] recorded = RealFixtures.file(TRM);
    Set<String> quoted = new TreeSet<>();
    for (ProviderDay day : new BancoDeLaRepublicaParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }

    assertThat(new BanrepSamples().currencies()).containsExactlyInAnyOrderElementsOf(quoted);
  }
}
