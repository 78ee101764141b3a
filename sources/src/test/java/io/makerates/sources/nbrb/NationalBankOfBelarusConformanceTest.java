package io.makerates.sources.nbrb;

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

/** NBRB's parser and adapter against real recorded answers (the list applying on 17 March 2026). */
class NationalBankOfBelarusConformanceTest {

  private static final String LIST = "nbrb/exrates_rates_periodicity-0_2026-03-17.json";
  private final NationalBankOfBelarusSource source =
      new NationalBankOfBelarusSource(
          URI.create(NationalBankOfBelarusSource.DEFAULT_BASE_URL),
          Clock.fixed(Instant.parse("2026-03-16T11:00:00Z"), NationalBankOfBelarusSource.ZONE));

  @Test
  void filesTheListUnderTheDayItWasSetWithScalesApplied() throws Exception {
    List<ProviderDay> days = new NationalBankOfBelarusParser().parse(RealFixtures.file(LIST));

    assertThat(days).hasSize(1);
    ProviderDay day = days.get(0);
    // applies on Tuesday 17 March, set on Monday 16 March
    assertThat(day.date()).isEqualTo(LocalDate.of(2026, 3, 16));
    assertThat(day.base()).isEqualTo("BYN");
    assertThat(day.rawRates()).hasSize(30);
    assertRate(day, "EUR", "1", "3.3741");
    assertRate(day, "USD", "1", "2.9463");
    assertRate(day, "JPY", "100", "1.8494");
    assertRate(day, "IRR", "100000", "0.2229");
  }

  @Test
  void aWeekendListIsThursdaysAndMondaysIsFridays() {
    assertThat(NationalBankOfBelarusParser.settingDay(LocalDate.of(2026, 3, 7)))
        .isEqualTo(LocalDate.of(2026, 3, 5));
    assertThat(NationalBankOfBelarusParser.settingDay(LocalDate.of(2026, 3, 9)))
        .isEqualTo(LocalDate.of(2026, 3, 6));
    assertThat(NationalBankOfBelarusParser.appliesDay(LocalDate.of(2026, 3, 6)))
        .isEqualTo(LocalDate.of(2026, 3, 9));
  }

  @Test
  void recognisesItsAnswersAndOthers() throws Exception {
    byte[] body = RealFixtures.file(LIST);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 16));
    assertThat(source.providerError(200, bytes("<html><body>503</body></html>")))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
    assertThat(source.providerError(200, bytes("[]")))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.NO_DATA);
  }

  @Test
  void asksTheListOfTheNextWeekdayLikeTheRecordedRequest() {
    // recorded: https://api.nbrb.by/exrates/rates?periodicity=0
    SourceRequest latest = source.latest();
    assertThat(latest.url())
        .hasToString("https://api.nbrb.by/exrates/rates?ondate=2026-03-17&periodicity=0");
    assertThat(latest.requestedFrom()).isNull();

    SourceRequest friday = source.range(LocalDate.of(2026, 3, 13), LocalDate.of(2026, 3, 13));
    assertThat(friday.params()).containsEntry("ondate", "2026-03-16");
    assertThat(friday.requestedFrom()).isEqualTo(LocalDate.of(2026, 3, 13));
    assertThat(source.longestRangeDays()).isEqualTo(1);
  }

  @Test
  void refusesAHistoryWithoutCodesAndAnErrorObject() throws Exception {
    byte[] history =
        RealFixtures.file("nbrb/exrates_rates_dynamics_431-USD_2026-03-01_to_2026-03-17.json");
    assertThatThrownBy(() -> new NationalBankOfBelarusParser().parse(history))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
    assertThatThrownBy(() -> new NationalBankOfBelarusParser().parse(bytes("{\"Message\":\"x\"}")))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
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
    byte[] recorded = RealFixtures.file(LIST);
    java.util.Set<String> quoted = new java.util.TreeSet<>();
    for (ProviderDay day : new NationalBankOfBelarusParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }
    assertThat(new NationalBankOfBelarusSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(quoted);
  }
}
