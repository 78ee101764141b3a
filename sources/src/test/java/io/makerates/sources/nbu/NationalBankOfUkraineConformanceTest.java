package io.makerates.sources.nbu;

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

/** NBU's parser and adapter against a real recorded answer (1–16 March 2026, 45 codes). */
class NationalBankOfUkraineConformanceTest {

  private static final String FILE = "nbu/exchange_site_2026-03-01_to_2026-03-16.json";
  private final NationalBankOfUkraineSource source =
      new NationalBankOfUkraineSource(
          URI.create(NationalBankOfUkraineSource.DEFAULT_BASE_URL + "/"),
          Clock.fixed(Instant.parse("2026-03-17T10:00:00Z"), NationalBankOfUkraineSource.ZONE));

  @Test
  void filesEachListUnderTheDayItWasSetWithUnitsApplied() throws Exception {
    List<ProviderDay> days = new NationalBankOfUkraineParser().parse(RealFixtures.file(FILE));

    // 16 exchange dates, set on 12 business days (26 Feb to 13 Mar; weekends repeat Thursday's)
    assertThat(days).hasSize(12);
    assertThat(days.get(0).date()).isEqualTo(LocalDate.of(2026, 2, 26));
    assertThat(days.get(11).date()).isEqualTo(LocalDate.of(2026, 3, 13));
    assertThat(days).allSatisfy(day -> assertThat(day.base()).isEqualTo("UAH"));
    assertThat(days).allSatisfy(day -> assertThat(day.rawRates()).hasSize(45));

    ProviderDay thursday =
        days.stream().filter(d -> d.date().getDayOfMonth() == 5).findFirst().get();
    // "rate":50.9036 per 1 EUR, 43.8069 per 1 USD, 2.7825 per 10 JPY, 226217.52 per ounce of gold
    assertRate(thursday, "EUR", "1", "50.9036");
    assertRate(thursday, "USD", "1", "43.8069");
    assertRate(thursday, "JPY", "10", "2.7825");
    assertRate(thursday, "XAU", "1", "226217.52");
  }

  @Test
  void recognisesItsAnswersAndOthers() throws Exception {
    byte[] body = RealFixtures.file(FILE);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 13));

    assertThat(source.providerError(200, html()).map(ProviderError::kind))
        .contains(ProviderError.Kind.MALFORMED);
    assertThat(source.providerError(200, "[]".getBytes(StandardCharsets.UTF_8)))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.NO_DATA);
  }

  @Test
  void asksTheExchangeDatesAfterTheSettingDaysLikeTheRecordedRequest() {
    // recorded: exchange_site?end=20260316&json=&order=asc&sort=exchangedate&start=20260301
    SourceRequest range = source.range(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 13));
    assertThat(range.url())
        .hasToString(
            "https://bank.gov.ua/NBU_Exchange/exchange_site"
                + "?start=20260301&end=20260316&sort=exchangedate&order=asc&json=");
    assertThat(range.requestedFrom()).isEqualTo(LocalDate.of(2026, 2, 28));
    assertThat(range.requestedTo()).isEqualTo(LocalDate.of(2026, 3, 13));

    SourceRequest thursday = source.day(LocalDate.of(2026, 3, 12));
    assertThat(thursday.params())
        .containsEntry("start", "20260313")
        .containsEntry("end", "20260313");

    SourceRequest latest = source.latest();
    assertThat(latest.params()).containsEntry("start", "20260317").containsEntry("end", "20260320");
    assertThat(latest.requestedFrom()).isNull();
  }

  @Test
  void refusesAnAnswerWithoutItsDates() {
    byte[] body = "[{\"cc\":\"USD\",\"rate\":43.2,\"units\":1}]".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new NationalBankOfUkraineParser().parse(body))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
    assertThatThrownBy(() -> new NationalBankOfUkraineParser().parse(html()))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNPARSEABLE));
  }

  private static byte[] html() {
    return "<html><body>Attention Required! | Cloudflare</body></html>"
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void assertRate(ProviderDay day, String code, String units, String quoted) {
    BigDecimal expected =
        new BigDecimal(units).divide(new BigDecimal(quoted), MathContext.DECIMAL128);
    assertThat(new BigDecimal(day.rawRates().get(code))).isEqualByComparingTo(expected);
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] recorded = RealFixtures.file(FILE);
    java.util.Set<String> quoted = new java.util.TreeSet<>();
    for (ProviderDay day : new NationalBankOfUkraineParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }
    assertThat(new NationalBankOfUkraineSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(quoted);
  }
}
