package io.makerates.sources.nbm;

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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** NBM against its real answers of 6–8 April 2026 (shared/fixtures/real/nbm). */
class NationalBankOfMoldovaConformanceTest {

  private static final String WEDNESDAY = "nbm/official_exchange_rates_2026-04-08.xml";
  private static final String MONDAY = "nbm/official_exchange_rates_2026-04-06.xml";
  private final NationalBankOfMoldovaParser parser = new NationalBankOfMoldovaParser();
  // Friday 10 April 2026, 14:00 in Chișinău
  private final NationalBankOfMoldovaSource source =
      new NationalBankOfMoldovaSource(
          URI.create(NationalBankOfMoldovaSource.DEFAULT_BASE_URL),
          Clock.fixed(Instant.parse("2026-04-10T11:00:00Z"), ZoneOffset.UTC));

  @Test
  void readsTheListAsMdlToEachCurrencyFiledUnderItsSettingDay() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(WEDNESDAY));

    assertThat(days).hasSize(1);
    ProviderDay day = days.get(0);
    // the list applying on Wednesday 8 April was set on Tuesday 7 April
    assertThat(day.date()).isEqualTo(LocalDate.of(2026, 4, 7));
    assertThat(day.base()).isEqualTo("MDL");
    Map<String, String> rates = day.rawRates();
    assertThat(rates).hasSize(40).containsKey("XDR").doesNotContainKey("XAU");
    assertThat(new BigDecimal(rates.get("EUR"))).isEqualByComparingTo(inverse("1", "20.1703"));
    assertThat(new BigDecimal(rates.get("USD"))).isEqualByComparingTo(inverse("1", "17.4597"));
    // JPY is quoted per 100 yen
    assertThat(new BigDecimal(rates.get("JPY"))).isEqualByComparingTo(inverse("100", "10.9277"));
  }

  @Test
  void aMondayListWasSetOnTheFridayBefore() throws Exception {
    byte[] body = RealFixtures.file(MONDAY);

    assertThat(parser.parse(body).get(0).date()).isEqualTo(LocalDate.of(2026, 4, 3));
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 4, 3));
  }

  @Test
  void answersAreRecognisedAndHtmlIsNot() throws Exception {
    byte[] body = RealFixtures.file(WEDNESDAY);

    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 4, 7));
    assertThat(source.providerError(200, "<html><body>Maintenance</body></html>".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
  }

  @Test
  void requestsHaveTheRecordedShape() throws Exception {
    String recorded = requestUri(WEDNESDAY);

    // the rates set on Tuesday 7 April are the list that applies on the 8th
    SourceRequest day = source.day(LocalDate.of(2026, 4, 7));
    assertThat(day.url()).hasToString(recorded);
    assertThat(day.requestedFrom()).isEqualTo(LocalDate.of(2026, 4, 7));
    // Friday's rates are Monday's list
    assertThat(source.day(LocalDate.of(2026, 4, 3)).url()).hasToString(requestUri(MONDAY));
    assertThat(source.range(LocalDate.of(2026, 4, 7), LocalDate.of(2026, 4, 7)).url())
        .hasToString(recorded);
    // latest on a Friday asks for Monday's list, the one set today
    assertThat(source.latest().url().toString()).endsWith("?date=13.04.2026&get_xml=1");
    assertThat(source.latest().requestedFrom()).isNull();
    assertThatThrownBy(() -> source.range(LocalDate.of(2026, 4, 6), LocalDate.of(2026, 4, 7)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesAMetalListAndABodyThatIsNoList() {
    byte[] metals =
        "<MetalPrice Date=\"08.04.2026\"><Metal ID=\"\"><CharCode>XAU</CharCode></Metal></MetalPrice>"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> parser.parse(metals))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
    assertThatThrownBy(() -> parser.parse("<ValCurs Date=\"08.04".getBytes()))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNPARSEABLE));
  }

  private static BigDecimal inverse(String units, String value) {
    return new BigDecimal(units).divide(new BigDecimal(value), MathContext.DECIMAL128);
  }

  private static String requestUri(String fixture) throws Exception {
    return new ObjectMapper()
        .readTree(RealFixtures.file(fixture + ".response-meta.json"))
        .path("request_uri")
        .asText();
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(WEDNESDAY);
    Set<String> recorded = new TreeSet<>();
    for (ProviderDay day : new NationalBankOfMoldovaParser().parse(body)) {
      recorded.addAll(day.rawRates().keySet());
      recorded.remove(day.base());
    }
    assertThat(new NationalBankOfMoldovaSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(recorded);
  }
}
