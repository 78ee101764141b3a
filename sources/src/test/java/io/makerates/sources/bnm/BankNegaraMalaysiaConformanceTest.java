package io.makerates.sources.bnm;

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
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BNM against its real answers of March 2026 (shared/fixtures/real/bnm). */
class BankNegaraMalaysiaConformanceTest {

  private static final String LATEST = "bnm/exchange-rate_session-0900_latest_2026-03-19.json";
  private static final String JPY_MONTH = "bnm/exchange-rate_JPY-per100_2026-03_session-0900.json";
  private final BankNegaraMalaysiaParser parser = new BankNegaraMalaysiaParser();
  private final BankNegaraMalaysiaSource source =
      new BankNegaraMalaysiaSource(URI.create(BankNegaraMalaysiaSource.DEFAULT_BASE_URL));

  @Test
  void readsTheLatestSessionAsMyrToEachCurrencyWithoutFloatNoise() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(LATEST));

    assertThat(days).hasSize(1);
    ProviderDay day = days.get(0);
    assertThat(day.date()).isEqualTo(LocalDate.of(2026, 3, 19));
    assertThat(day.base()).isEqualTo("MYR");
    Map<String, String> rates = day.rawRates();
    // SDR is sent as "SDR" and read as XDR
    assertThat(rates).hasSize(27).containsKey("XDR").doesNotContainKey("SDR");
    // sent as 4.5092999999999996 and 3.9300000000000002
    assertThat(new BigDecimal(rates.get("EUR"))).isEqualByComparingTo(inverse("1", "4.5093"));
    assertThat(new BigDecimal(rates.get("USD"))).isEqualByComparingTo(inverse("1", "3.93"));
    // JPY is MYR per 100 yen
    assertThat(new BigDecimal(rates.get("JPY"))).isEqualByComparingTo(inverse("100", "2.4596"));
    assertThat(new BigDecimal(rates.get("XDR"))).isEqualByComparingTo(inverse("1", "5.3538"));
  }

  @Test
  void readsAMonthOfOneCurrency() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(JPY_MONTH));

    assertThat(days).hasSize(14);
    assertThat(days.get(0).date()).isEqualTo(LocalDate.of(2026, 3, 2));
    assertThat(days.get(0).rawRates()).containsOnlyKeys("JPY");
    assertThat(new BigDecimal(days.get(0).rawRates().get("JPY")))
        .isEqualByComparingTo(inverse("100", "2.5019"));
  }

  @Test
  void answersAreRecognisedAndOthersAreNot() throws Exception {
    byte[] body = RealFixtures.file(LATEST);

    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 19));
    assertThat(source.answerDate(RealFixtures.file(JPY_MONTH))).contains(LocalDate.of(2026, 3, 19));
    assertThat(source.providerError(200, "<html><body>Not Acceptable</body></html>".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
  }

  @Test
  void requestsHaveTheRecordedShapeAndTheVendorHeader() throws Exception {
    JsonNode latestMeta = meta(LATEST);
    SourceRequest latest = source.latest();
    assertThat(latest.url()).hasToString(latestMeta.path("request_uri").asText());
    assertThat(latest.headers())
        .containsEntry("Accept", latestMeta.path("request_headers").path("Accept").get(0).asText());
    assertThat(source.month("JPY", YearMonth.of(2026, 3)).url())
        .hasToString(meta(JPY_MONTH).path("request_uri").asText());
    // no endpoint has all currencies of a past day
    assertThatThrownBy(() -> source.day(LocalDate.of(2026, 3, 19)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> source.range(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 19)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesAnAnswerQuotedTheOtherWayRound() {
    byte[] body =
        ("{\"data\":[{\"currency_code\":\"USD\",\"unit\":1,\"rate\":{\"date\":\"2026-03-19\","
                + "\"middle_rate\":0.2545}}],\"meta\":{\"quote\":\"fx\"}}")
            .getBytes();
    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
  }

  private static BigDecimal inverse(String units, String value) {
    return new BigDecimal(units).divide(new BigDecimal(value), MathContext.DECIMAL128);
  }

  private static JsonNode meta(String fixture) throws Exception {
    return new ObjectMapper().readTree(RealFixtures.file(fixture + ".response-meta.json"));
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] recorded = RealFixtures.file(LATEST);
    java.util.Set<String> quoted = new java.util.TreeSet<>();
    for (ProviderDay day : new BankNegaraMalaysiaParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }
    assertThat(new BankNegaraMalaysiaSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(quoted);
  }
}
