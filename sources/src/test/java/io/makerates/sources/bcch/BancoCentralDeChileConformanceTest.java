package io.makerates.sources.bcch;

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

/** The BCCh adapter and parser against real BDE answers (shared/fixtures/real/bcch). */
class BancoCentralDeChileConformanceTest {

  private static final String SUFFIX = "_2026-03-02_to_2026-03-13.json";
  private static final String USD = "bcch/SieteRestWS_GetSeries_F073.TCO.PRE.Z.D_USD" + SUFFIX;

  private final BancoCentralDeChileParser parser = new BancoCentralDeChileParser();
  private final BancoCentralDeChileSource source =
      new BancoCentralDeChileSource(
          URI.create(BancoCentralDeChileSource.DEFAULT_BASE_URL + "?user=me%40example.cl"),
          Clock.fixed(Instant.parse("2026-03-13T18:00:00Z"), ZoneOffset.UTC));

  private static String series(String currency) {
    return "bcch/SieteRestWS_GetSeries_F072.CLP." + currency + ".N.O.D_" + currency + SUFFIX;
  }

  @Test
  void filesTheObservedDollarUnderTheBankingDayBeforeItsDate() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(USD));

    // dated 2..13 March with 7 and 8 March ND: ten values, for the market days 27 Feb..12 March
    assertThat(days).hasSize(10);
    assertThat(days.get(0).date()).isEqualTo(LocalDate.of(2026, 2, 27));
    assertThat(days).extracting(ProviderDay::date).contains(LocalDate.of(2026, 3, 6));
    assertThat(days).extracting(ProviderDay::date).doesNotContain(LocalDate.of(2026, 3, 13));
    assertThat(days).allSatisfy(d -> assertThat(d.base()).isEqualTo("CLP"));
    assertThat(clpPer(days.get(0), "USD")).isEqualByComparingTo("871.41");
    // dated Monday 9 March, from Friday 6 March's trades
    assertThat(clpPer(day(days, LocalDate.of(2026, 3, 6)), "USD")).isEqualByComparingTo("921.76");
  }

  @Test
  void readsEachCurrencySeriesUnderItsCode() throws Exception {
    ProviderDay euro = parser.parse(RealFixtures.file(series("EUR"))).get(0);
    assertThat(euro.rawRates()).containsOnlyKeys("EUR");
    assertThat(clpPer(euro, "EUR")).isEqualByComparingTo("1029.91");
    ProviderDay yen = day(parser.parse(RealFixtures.file(series("JPY"))), LocalDate.of(2026, 3, 4));
    assertThat(clpPer(yen, "JPY")).isEqualByComparingTo("5.7");

    TreeSet<String> currencies = new TreeSet<>();
    for (String code : List.of("AUD", "BRL", "CAD", "CNY", "EUR", "GBP", "JPY")) {
      parser
          .parse(RealFixtures.file(series(code)))
          .forEach(d -> currencies.addAll(d.rawRates().keySet()));
    }
    parser.parse(RealFixtures.file(USD)).forEach(d -> currencies.addAll(d.rawRates().keySet()));
    assertThat(currencies).hasSize(8);
  }

  @Test
  void refusesAMalformedBodyAndAnErrorAnswer() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "{\"Codigo\":0,\"Series\":{\"seriesId\":\"F073.TCO.PRE.Z.D\"}}".getBytes()))
        .isInstanceOf(AnswerRejectedException.class)
        .extracting(e -> ((AnswerRejectedException) e).reason())
        .isEqualTo(ReasonCode.UNKNOWN_FORMAT);
    assertThatThrownBy(() -> parser.parse(error()))
        .isInstanceOf(AnswerRejectedException.class)
        .extracting(e -> ((AnswerRejectedException) e).reason())
        .isEqualTo(ReasonCode.PROVIDER_ERROR);
  }

  @Test
  void recognisesErrorsAndDatesTheAnswer() throws Exception {
    byte[] body = RealFixtures.file(USD);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 12));
    assertThat(source.providerError(200, "<html><body>Runtime Error</body></html>".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
    assertThat(source.providerError(200, error()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.KEY_REJECTED);
  }

  @Test
  void buildsTheRecordedRequestShapeWithThePasswordAsTheKey() throws Exception {
    byte[] meta = RealFixtures.file(USD + ".response-meta.json");
    Map<String, String> recorded =
        query(
            URI.create(
                new ObjectMapper()
                    .readTree(meta)
                    .path("request_uri")
                    .asText()
                    .replaceAll("<|>", "")));
    SourceRequest range = source.range(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 11));
    Map<String, String> built = query(range.url());
    assertThat(built.keySet()).isEqualTo(recorded.keySet());
    assertThat(built)
        .containsEntry("pass", SourceRequest.API_KEY_SLOT)
        .containsEntry("user", "me@example.cl");
    recorded.keySet().removeAll(List.of("user", "pass"));
    assertThat(built).containsAllEntriesOf(recorded);
    assertThat(range.url().getRawPath()).isEqualTo("/SieteRestWS/SieteRestWS.ashx");
    assertThat(source.usesApiKey()).isTrue();
    assertThat(query(source.day(LocalDate.of(2026, 3, 6)).url()))
        .containsEntry("firstdate", "2026-03-07")
        .containsEntry("lastdate", "2026-03-10");
    assertThat(query(source.latest().url()))
        .containsEntry("firstdate", "2026-03-03")
        .containsEntry("lastdate", "2026-03-13");
  }

  private static byte[] error() {
    return "{\"Codigo\":-5,\"Descripcion\":\"Invalid username or password\",\"Series\":{\"Obs\":null},\"SeriesInfos\":[]}"
        .getBytes(StandardCharsets.UTF_8);
  }

  private static ProviderDay day(List<ProviderDay> days, LocalDate date) {
    return days.stream().filter(d -> d.date().equals(date)).findFirst().orElseThrow();
  }

  private static BigDecimal clpPer(ProviderDay day, String currency) {
    return BigDecimal.ONE.divide(
        new BigDecimal(day.rawRates().get(currency)), MathContext.DECIMAL64);
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new TreeMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(USD);
    Set<String> recorded = new TreeSet<>();
    for (ProviderDay day : new BancoCentralDeChileParser().parse(body)) {
      recorded.addAll(day.rawRates().keySet());
      recorded.remove(day.base());
    }
    assertThat(new BancoCentralDeChileSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(recorded);
  }
}
