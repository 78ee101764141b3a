package io.makerates.sources.nbg;

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

/** NBG's parser and adapter against real recorded answers (lists valid from 28 Feb and 3 Mar). */
class NationalBankOfGeorgiaConformanceTest {

  private static final String SATURDAY = "nbg/currencies_date-2026-03-02_validFrom-2026-02-28.json";
  private static final String HOLIDAY = "nbg/currencies_date-2026-03-04_validFrom-2026-03-03.json";
  private final NationalBankOfGeorgiaSource source =
      new NationalBankOfGeorgiaSource(
          URI.create(NationalBankOfGeorgiaSource.DEFAULT_BASE_URL),
          Clock.fixed(Instant.parse("2026-03-02T14:00:00Z"), NationalBankOfGeorgiaSource.ZONE));

  @Test
  void filesEachListUnderTheDayItWasSetWithQuantitiesApplied() throws Exception {
    List<ProviderDay> days = new NationalBankOfGeorgiaParser().parse(RealFixtures.file(SATURDAY));

    assertThat(days).hasSize(1);
    ProviderDay day = days.get(0);
    // valid from Saturday 28 February, set at 17:01 on Friday 27 February
    assertThat(day.date()).isEqualTo(LocalDate.of(2026, 2, 27));
    assertThat(day.base()).isEqualTo("GEL");
    assertThat(day.rawRates()).hasSize(42);
    assertRate(day, "EUR", "1", "3.1581");
    assertRate(day, "USD", "1", "2.6759");
    assertRate(day, "JPY", "100", "1.7157");
    assertRate(day, "AMD", "1000", "7.0960");

    // asked for 4 March (3 March was a holiday): the list set on 2 March
    List<ProviderDay> again = new NationalBankOfGeorgiaParser().parse(RealFixtures.file(HOLIDAY));
    assertThat(again).singleElement().satisfies(d -> assertThat(d.date()).isEqualTo("2026-03-02"));
    assertRate(again.get(0), "IRR", "10000", "0.0205");
  }

  @Test
  void recognisesItsAnswersAndOthers() throws Exception {
    byte[] body = RealFixtures.file(SATURDAY);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 2, 27));
    assertThat(source.providerError(200, bytes("<!DOCTYPE html><html>Bad gateway</html>")))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
    assertThat(source.providerError(200, bytes("[]")))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.NO_DATA);
  }

  @Test
  void asksTheListValidTheNextDayLikeTheRecordedRequest() {
    // recorded: https://nbg.gov.ge/gw/api/ct/monetarypolicy/currencies/?date=2026-03-03
    SourceRequest monday = source.day(LocalDate.of(2026, 3, 2));
    assertThat(monday.url())
        .hasToString("https://nbg.gov.ge/gw/api/ct/monetarypolicy/currencies/?date=2026-03-03");
    assertThat(monday.requestedFrom()).isEqualTo(LocalDate.of(2026, 3, 2));
    assertThat(source.range(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2))).isEqualTo(monday);
    assertThat(source.latest().params()).containsEntry("date", "2026-03-03");
    assertThat(source.latest().requestedFrom()).isNull();
  }

  @Test
  void refusesAListWithoutCurrencies() {
    assertThatThrownBy(
            () -> new NationalBankOfGeorgiaParser().parse(bytes("[{\"date\":\"2026-03-03\"}]")))
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
    byte[] recorded = RealFixtures.file(SATURDAY);
    java.util.Set<String> quoted = new java.util.TreeSet<>();
    for (ProviderDay day : new NationalBankOfGeorgiaParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }
    assertThat(new NationalBankOfGeorgiaSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(quoted);
  }
}
