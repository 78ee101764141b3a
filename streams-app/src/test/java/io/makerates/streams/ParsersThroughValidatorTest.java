package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each registered parser's days, through BronzeValidator's EUR rebasing, give the rates the
 * provider meant.
 */
class ParsersThroughValidatorTest {

  private final BronzeValidator validator =
      new BronzeValidator(Parsers.all(), IndependenceGroups.defaults());

  @Test
  void ecbDailyPassesAsSent() {
    RateObservations day =
        validateOne(
            "ecb",
            "ecb",
            """
        <Cube><Cube time='2026-09-25'><Cube currency='USD' rate='1.0800'/><Cube currency='JPY' rate='172.40'/></Cube></Cube>
        """);

    assertThat(rates(day)).containsExactly(Map.entry("JPY", "172.40"), Map.entry("USD", "1.0800"));
  }

  @Test
  void bankOfCanadaIsRebasedToWhatItsTwoSeriesSay() {
    RateObservations day =
        validateOne(
            "boc",
            "boc",
            """
        {"observations":[{"d":"2026-09-25","FXEURCAD":{"v":"1.5873"},"FXUSDCAD":{"v":"1.3700"},"FXJPYCAD":{"v":"0.009200"}}]}
        """);

    assertThat(day.getProviderBase()).isEqualTo("CAD");
    Map<String, String> rates = rates(day);
    assertThat(rates).containsOnlyKeys("CAD", "JPY", "USD");
    // EUR→CAD is FXEURCAD itself; EUR→USD is FXEURCAD / FXUSDCAD
    assertThat(new BigDecimal(rates.get("CAD")))
        .isCloseTo(new BigDecimal("1.5873"), within(new BigDecimal("1e-15")));
    assertThat(new BigDecimal(rates.get("USD")))
        .isCloseTo(
            new BigDecimal("1.5873").divide(new BigDecimal("1.37"), BronzeValidator.REBASE),
            within(new BigDecimal("1e-15")));
    assertThat(new BigDecimal(rates.get("JPY")))
        .isCloseTo(
            new BigDecimal("1.5873").divide(new BigDecimal("0.0092"), BronzeValidator.REBASE),
            within(new BigDecimal("1e-12")));
  }

  @Test
  void exchangeRateApiIsRebasedWithItsOwnEurRate() {
    RateObservations day =
        validateOne(
            "exchangerate-api",
            "exchangerate-api",
            """
        {"result":"success","time_last_update_utc":"Fri, 25 Sep 2026 00:00:01 +0000","base_code":"USD",
         "rates":{"USD":1,"EUR":0.8,"GBP":0.7}}
        """);

    assertThat(day.getProviderBase()).isEqualTo("USD");
    assertThat(rates(day)).containsExactly(Map.entry("GBP", "0.875"), Map.entry("USD", "1.25"));
  }

  @Test
  void frankfurterV2ArrayPassesAsSent() {
    RateObservations day =
        validateOne(
            "frankfurter",
            "frankfurter",
            """
        [{"date":"2026-09-25","base":"EUR","quote":"ILS","rate":3.8500}]
        """);

    assertThat(rates(day)).containsExactly(Map.entry("ILS", "3.8500"));
  }

  @Test
  void validatedForOneDayGivesThatDayAsTheWholeAnswerDoesAndNoOther() {
    BronzeExtraction bronze =
        BronzeExtraction.newBuilder(
                Bronzes.answer(
                    "boc",
                    """
                    {"observations":[
                     {"d":"2026-09-24","FXEURCAD":{"v":"1.5800"},"FXUSDCAD":{"v":"1.3650"}},
                     {"d":"2026-09-25","FXEURCAD":{"v":"1.5873"},"FXUSDCAD":{"v":"1.3700"}},
                     {"d":"2026-09-26","FXEURCAD":{"v":"1.5900"},"FXUSDCAD":{"v":"abc"}}]}
                    """))
            .setSourceType("boc")
            .build();
    BronzeCoordinates at = new BronzeCoordinates("fx.bronze.extractions.v1", 0, 0L);
    java.time.LocalDate day = java.time.LocalDate.parse("2026-09-25");

    BronzeValidator.Validation whole = validator.validate(bronze, at, Bronzes.EXTRACTED_AT);
    BronzeValidator.Validation one =
        validator.validate(bronze, at, Bronzes.EXTRACTED_AT, day::equals);

    assertThat(whole.observations()).hasSize(3);
    assertThat(whole.rejections()).hasSize(1);
    assertThat(one.observations())
        .containsExactlyElementsOf(
            whole.observations().stream().filter(o -> o.getDate().equals(day)).toList());
    assertThat(one.rejections()).isEmpty();
  }

  private RateObservations validateOne(String sourceId, String sourceType, String body) {
    BronzeExtraction bronze =
        BronzeExtraction.newBuilder(Bronzes.answer(sourceId, body))
            .setSourceType(sourceType)
            .build();
    BronzeValidator.Validation result =
        validator.validate(
            bronze, new BronzeCoordinates("fx.bronze.extractions.v1", 0, 0L), Bronzes.EXTRACTED_AT);
    assertThat(result.rejections()).isEmpty();
    assertThat(result.observations()).hasSize(1);
    return result.observations().getFirst();
  }

  private static Map<String, String> rates(RateObservations day) {
    return day.getRates().stream()
        .collect(
            Collectors.toMap(
                Observation::getQuote, Observation::getRate, (a, b) -> a, TreeMap::new));
  }
}
