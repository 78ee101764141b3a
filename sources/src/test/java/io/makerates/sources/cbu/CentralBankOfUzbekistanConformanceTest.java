package io.makerates.sources.cbu;

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

/**
 * CBU's parser and adapter against real recorded answers (lists applying on 1 and 3 April 2026).
 */
class CentralBankOfUzbekistanConformanceTest {

  private static final String WEDNESDAY = "cbu/json_all_2026-04-01.json";
  private final CentralBankOfUzbekistanSource source =
      new CentralBankOfUzbekistanSource(
          URI.create(CentralBankOfUzbekistanSource.DEFAULT_BASE_URL + "/"),
          Clock.fixed(Instant.parse("2026-04-02T12:00:00Z"), CentralBankOfUzbekistanSource.ZONE));

  @Test
  void filesTheListUnderTheDayItWasSetWithNominalsApplied() throws Exception {
    List<ProviderDay> days =
        new CentralBankOfUzbekistanParser().parse(RealFixtures.file(WEDNESDAY));

    assertThat(days).hasSize(1);
    ProviderDay day = days.get(0);
    // applies on Wednesday 1 April, set on Tuesday 31 March
    assertThat(day.date()).isEqualTo(LocalDate.of(2026, 3, 31));
    assertThat(day.base()).isEqualTo("UZS");
    assertThat(day.rawRates()).hasSize(75);
    assertRate(day, "EUR", "1", "13984.32");
    assertRate(day, "USD", "1", "12194.21");
    assertRate(day, "VND", "10", "4.63");
    assertRate(day, "IRR", "10", "0.09");

    List<ProviderDay> friday =
        new CentralBankOfUzbekistanParser()
            .parse(RealFixtures.file("cbu/json_all_2026-04-03.json"));
    assertThat(friday).singleElement().satisfies(d -> assertThat(d.date()).isEqualTo("2026-04-02"));
  }

  @Test
  void recognisesItsAnswersAndOthers() throws Exception {
    byte[] body = RealFixtures.file(WEDNESDAY);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 31));
    assertThat(source.providerError(200, bytes("<!DOCTYPE html><html>Bitrix</html>")))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
    assertThat(source.providerError(200, bytes("[]")))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.NO_DATA);
  }

  @Test
  void asksTheListApplyingTheNextWeekdayLikeTheRecordedRequest() {
    // recorded: https://cbu.uz/en/arkhiv-kursov-valyut/json/all/2026-04-01/
    SourceRequest tuesday = source.day(LocalDate.of(2026, 3, 31));
    assertThat(tuesday.url())
        .hasToString("https://cbu.uz/en/arkhiv-kursov-valyut/json/all/2026-04-01/");
    assertThat(tuesday.requestedTo()).isEqualTo(LocalDate.of(2026, 3, 31));
    assertThat(source.day(LocalDate.of(2026, 4, 3)).url().getPath())
        .endsWith("/all/2026-04-06/"); // Friday's list applies on Monday
    assertThat(source.latest().url().getPath()).endsWith("/all/2026-04-03/");
    assertThat(source.latest().requestedFrom()).isNull();
  }

  @Test
  void refusesARateWithoutItsDate() {
    assertThatThrownBy(
            () ->
                new CentralBankOfUzbekistanParser()
                    .parse(bytes("[{\"Ccy\":\"USD\",\"Nominal\":\"1\",\"Rate\":\"12194.21\"}]")))
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
    byte[] recorded = RealFixtures.file(WEDNESDAY);
    java.util.Set<String> quoted = new java.util.TreeSet<>();
    for (ProviderDay day : new CentralBankOfUzbekistanParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }
    assertThat(new CentralBankOfUzbekistanSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(quoted);
  }
}
