package io.makerates.sources.nbk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import org.junit.jupiter.api.Test;

/** NBK's parser and adapter against real recorded answers (lists applying on 1–3 April 2026). */
class NationalBankOfKazakhstanConformanceTest {

  private static final String WEDNESDAY = "nbk/get_rates_fdate-2026-04-01.xml";
  private final NationalBankOfKazakhstanSource source =
      new NationalBankOfKazakhstanSource(
          URI.create(NationalBankOfKazakhstanSource.DEFAULT_BASE_URL),
          Clock.fixed(Instant.parse("2026-04-02T12:00:00Z"), NationalBankOfKazakhstanSource.ZONE));

  @Test
  void filesTheListUnderTheDayItWasSetWithQuantsApplied() throws Exception {
    List<ProviderDay> days =
        new NationalBankOfKazakhstanParser().parse(RealFixtures.file(WEDNESDAY));

    assertThat(days).hasSize(1);
    ProviderDay day = days.get(0);
    // applies on Wednesday 1 April, set on Tuesday 31 March
    assertThat(day.date()).isEqualTo(LocalDate.of(2026, 3, 31));
    assertThat(day.base()).isEqualTo("KZT");
    assertThat(day.rawRates()).hasSize(39);
    assertRate(day, "EUR", "1", "548.62");
    assertRate(day, "USD", "1", "478.77");
    assertRate(day, "AMD", "10", "12.72");
    assertRate(day, "IRR", "1000", "0.4");
  }

  @Test
  void recognisesItsAnswersAndOthers() throws Exception {
    byte[] body = RealFixtures.file(WEDNESDAY);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 31));
    assertThat(source.providerError(200, bytes("<html><body>Service unavailable</body></html>")))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
  }

  @Test
  void asksTheListApplyingTheNextWeekdayLikeTheRecordedRequest() {
    // recorded: https://nationalbank.kz/rss/get_rates.cfm?fdate=01.04.2026
    SourceRequest tuesday = source.day(LocalDate.of(2026, 3, 31));
    assertThat(tuesday.url())
        .hasToString("https://nationalbank.kz/rss/get_rates.cfm?fdate=01.04.2026");
    assertThat(tuesday.requestedFrom()).isEqualTo(LocalDate.of(2026, 3, 31));
    assertThat(source.latest().params()).containsEntry("fdate", "03.04.2026");
    assertThat(source.latest().requestedFrom()).isNull();
  }

  @Test
  void refusesXmlThatIsNotARatesList() {
    assertThatThrownBy(
            () -> new NationalBankOfKazakhstanParser().parse(bytes("<html><body/></html>")))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
    assertThatThrownBy(() -> new NationalBankOfKazakhstanParser().parse(bytes("<rates><item>")))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNPARSEABLE));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertRate(ProviderDay day, String code, String units, String quoted) {
    BigDecimal expected =
        new BigDecimal(units).divide(new BigDecimal(quoted), MathContext.DECIMAL128);
    assertThat(new BigDecimal(day.rawRates().get(code))).isEqualByComparingTo(expected);
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] recorded = RealFixtures.file(WEDNESDAY);
    java.util.Set<String> quoted = new java.util.TreeSet<>();
    for (ProviderDay day : new NationalBankOfKazakhstanParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }
    assertThat(new NationalBankOfKazakhstanSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(quoted);
  }
}
