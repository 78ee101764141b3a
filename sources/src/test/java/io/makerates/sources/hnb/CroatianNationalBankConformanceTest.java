package io.makerates.sources.hnb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.ProviderError;
import io.makerates.sources.RealFixtures;
import io.makerates.sources.SourceRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HNB against its real answers of 2–6 January 2023 and 31 December 2022 (shared/fixtures/real). */
class CroatianNationalBankConformanceTest {

  private static final String V3 = "hnb/tecajn-eur_v3_2023-01-02_to_2023-01-06.json";
  private static final String V2 = "hnb/tecajn_v2_2022-12-31.json";
  private final CroatianNationalBankParser parser = new CroatianNationalBankParser();
  // Tuesday 3 January 2023, 17:00 in Zagreb
  private final CroatianNationalBankSource source =
      new CroatianNationalBankSource(
          URI.create(CroatianNationalBankSource.DEFAULT_BASE_URL),
          Clock.fixed(Instant.parse("2023-01-03T16:00:00Z"), ZoneOffset.UTC));

  @Test
  void readsEachListAsEurToEachCurrencyFiledUnderTheEcbDay() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(V3));

    // the lists applying 2–6 January carry the ECB's rates of 30 December to 5 January
    assertThat(days)
        .extracting(ProviderDay::date)
        .containsExactly(
            LocalDate.of(2022, 12, 30),
            LocalDate.of(2023, 1, 2),
            LocalDate.of(2023, 1, 3),
            LocalDate.of(2023, 1, 4),
            LocalDate.of(2023, 1, 5));
    ProviderDay first = days.get(0);
    assertThat(first.base()).isEqualTo("EUR");
    Map<String, String> rates = first.rawRates();
    assertThat(rates).hasSize(13).containsKey("BAM");
    // units per EUR already: decimal commas only
    assertThat(new BigDecimal(rates.get("USD"))).isEqualByComparingTo("1.066600");
    assertThat(new BigDecimal(rates.get("JPY"))).isEqualByComparingTo("140.660000");
    assertThat(new BigDecimal(rates.get("GBP"))).isEqualByComparingTo("0.886930");
    assertThat(new BigDecimal(rates.get("BAM"))).isEqualByComparingTo("1.955830");
  }

  @Test
  void answersAreRecognisedAndOthersAreNot() throws Exception {
    byte[] body = RealFixtures.file(V3);

    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2023, 1, 5));
    assertThat(source.providerError(200, "<html><body>Error</body></html>".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
  }

  @Test
  void requestsHaveTheRecordedShape() throws Exception {
    URI recorded =
        URI.create(
            new ObjectMapper()
                .readTree(RealFixtures.file(V3 + ".response-meta.json"))
                .path("request_uri")
                .asText());

    // ECB days 30 December to 5 January are the lists applying 31 December to 6 January
    SourceRequest range = source.range(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 1, 5));
    assertThat(range.url().getHost()).isEqualTo(recorded.getHost());
    assertThat(range.url().getPath()).isEqualTo(recorded.getPath());
    assertThat(List.of(range.url().getQuery().split("&")))
        .containsExactlyInAnyOrder(recorded.getQuery().split("&"));
    assertThat(range.requestedFrom()).isEqualTo(LocalDate.of(2023, 1, 1));
    // Friday's rates: the lists applying Saturday to Monday
    assertThat(source.day(LocalDate.of(2023, 1, 6)).url().getQuery())
        .isEqualTo("datum-primjene-od=2023-01-07&datum-primjene-do=2023-01-09");
    assertThat(source.latest().url().getQuery())
        .isEqualTo("datum-primjene-od=2023-01-03&datum-primjene-do=2023-01-04");
  }

  @Test
  void refusesTheKunaEraList() throws IOException {
    byte[] kunaEra = RealFixtures.file(V2); // outside the lambda: skipped, not failed, when absent
    assertThatThrownBy(() -> parser.parse(kunaEra))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] recorded = RealFixtures.file(V3);
    java.util.Set<String> quoted = new java.util.TreeSet<>();
    for (ProviderDay day : new CroatianNationalBankParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }
    assertThat(new CroatianNationalBankSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(quoted);
  }
}
