package io.makerates.sources.hkma;

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

/** HKMA against its real answer of 25–28 February 2026 (shared/fixtures/real/hkma). */
class HongKongMonetaryAuthorityConformanceTest {

  private static final String FIXTURE =
      "hkma/er-eeri-daily_end_of_day_2026-02-25_to_2026-02-28.json";
  private final HongKongMonetaryAuthorityParser parser = new HongKongMonetaryAuthorityParser();
  private final HongKongMonetaryAuthoritySource source =
      new HongKongMonetaryAuthoritySource(
          URI.create(HongKongMonetaryAuthoritySource.DEFAULT_BASE_URL));

  @Test
  void readsEachRecordAsHkdToEachCurrency() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(FIXTURE));

    // oldest first; Saturday 28 February has a record too
    assertThat(days)
        .extracting(ProviderDay::date)
        .containsExactly(
            LocalDate.of(2026, 2, 25),
            LocalDate.of(2026, 2, 26),
            LocalDate.of(2026, 2, 27),
            LocalDate.of(2026, 2, 28));
    ProviderDay friday = days.get(2);
    assertThat(friday.base()).isEqualTo("HKD");
    Map<String, String> rates = friday.rawRates();
    // 17 currencies and the SDR; no pre-euro currency (always null), no NEERI index
    assertThat(rates).hasSize(18).containsKey("XDR").doesNotContainKeys("DEM", "NEE");
    assertThat(new BigDecimal(rates.get("USD"))).isEqualByComparingTo(inverse("7.825"));
    assertThat(new BigDecimal(rates.get("EUR"))).isEqualByComparingTo(inverse("9.236"));
    // per one yen: no multipliers
    assertThat(new BigDecimal(rates.get("JPY"))).isEqualByComparingTo(inverse("0.05015"));
    assertThat(new BigDecimal(rates.get("XDR"))).isEqualByComparingTo(inverse("10.75757525"));
    // Saturday: no SDR, and 7.8245000000000005 read as 7.8245
    Map<String, String> saturday = days.get(3).rawRates();
    assertThat(saturday).hasSize(17).doesNotContainKey("XDR");
    assertThat(new BigDecimal(saturday.get("USD"))).isEqualByComparingTo(inverse("7.8245"));
  }

  @Test
  void answersAreRecognisedAndFailuresAreNot() throws Exception {
    byte[] body = RealFixtures.file(FIXTURE);

    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 2, 28));
    byte[] failure =
        "{\"header\":{\"success\":false,\"err_code\":\"1002\",\"err_msg\":\"Invalid parameter\"}}"
            .getBytes();
    assertThat(source.providerError(200, failure))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.OTHER);
    assertThat(source.providerError(200, "<html></html>".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
    assertThatThrownBy(() -> parser.parse(failure))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.PROVIDER_ERROR));
  }

  @Test
  void requestsHaveTheRecordedShape() throws Exception {
    URI recorded =
        URI.create(
            new ObjectMapper()
                .readTree(RealFixtures.file(FIXTURE + ".response-meta.json"))
                .path("request_uri")
                .asText());

    SourceRequest range = source.range(LocalDate.of(2026, 2, 25), LocalDate.of(2026, 2, 28));
    assertThat(range.url().getPath()).isEqualTo(recorded.getPath());
    assertThat(range.url().getHost()).isEqualTo(recorded.getHost());
    // the same parameters (the recording lists them sorted)
    assertThat(List.of(range.url().getQuery().split("&")))
        .containsExactlyInAnyOrder(recorded.getQuery().split("&"));
    assertThat(source.latest().url().getQuery())
        .isEqualTo("choose=end_of_day&offset=0&pagesize=31&sortby=end_of_day&sortorder=desc");
    assertThatThrownBy(() -> source.range(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAnAnswerWithoutRecords() {
    assertThatThrownBy(() -> parser.parse("{\"header\":{\"success\":true}}".getBytes()))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
  }

  private static BigDecimal inverse(String value) {
    return BigDecimal.ONE.divide(new BigDecimal(value), MathContext.DECIMAL128);
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] recorded = RealFixtures.file(FIXTURE);
    java.util.Set<String> quoted = new java.util.TreeSet<>();
    for (ProviderDay day : new HongKongMonetaryAuthorityParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }
    assertThat(new HongKongMonetaryAuthoritySamples().currencies())
        .containsExactlyInAnyOrderElementsOf(quoted);
  }
}
