package io.makerates.sources.boc;

import static io.makerates.sources.ParserAssertions.assertRefused;
import static io.makerates.sources.ParserAssertions.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.makerates.schema.ReasonCode;
import io.makerates.sources.ProviderDay;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class BankOfCanadaParserTest {

  private static final String VALET =
      """
      {
          "terms": {"url": "https://www.bankofcanada.ca/terms/"},
          "groupDetail": {"label": "Daily exchange rates", "description": "Daily average exchange rates", "link": null},
          "seriesDetail": {
              "FXEURCAD": {"label": "EUR/CAD", "description": "European euro to Canadian dollar daily exchange rate",
                           "dimension": {"key": "d", "name": "Date"}},
              "FXUSDCAD": {"label": "USD/CAD", "description": "US dollar to Canadian dollar daily exchange rate",
                           "dimension": {"key": "d", "name": "Date"}}
          },
          "observations": [
              {"d": "2026-09-24", "FXEURCAD": {"v": "1.6000"}, "FXUSDCAD": {"v": "1.2500"}, "FXJPYCAD": {"v": "0.008000"}},
              {"d": "2026-09-25", "FXEURCAD": {"v": "1.5873"}, "FXUSDCAD": {"v": "1.3700"}}
          ]
      }
      """;

  private final BankOfCanadaParser parser = new BankOfCanadaParser();

  @Test
  void eachObservationIsOneCadDayOfInvertedSeriesValues() throws Exception {
    List<ProviderDay> days = parser.parse(utf8(VALET));

    assertThat(days)
        .extracting(ProviderDay::date)
        .containsExactly(LocalDate.parse("2026-09-24"), LocalDate.parse("2026-09-25"));
    assertThat(days).extracting(ProviderDay::base).containsOnly("CAD");
    // FXEURCAD 1.6 CAD per EUR is 0.625 EUR per CAD: exact inverses lose their trailing zeros
    assertThat(days.get(0).rawRates())
        .containsExactly(entry("EUR", "0.625"), entry("USD", "0.8"), entry("JPY", "125"));
    // inexact ones are rounded to 34 significant digits, half even
    assertThat(days.get(1).rawRates())
        .containsExactly(
            entry("EUR", "0.63000063000063000063000063000063"),
            entry("USD", "0.7299270072992700729927007299270073"));
  }

  @Test
  void valuesMayBeNumbersOrRateObjectsAndFieldsThatAreNoFxCadSeriesAreIgnored() throws Exception {
    String body =
        """
        {"observations": [{"d": "2026-09-25", "FXUSDCAD": {"v": 1.25}, "FXGBPCAD": {"v": {"rate": "2"}},
          "FXCADUSD": {"v": "0.8"}, "IEXE0101": {"v": "5"}, "note": "new field", "FXCHFCAD": {"v": "1.6", "status": "final"}}],
         "newTopLevel": [1, 2, 3]}
        """;

    assertThat(parser.parse(utf8(body)).getFirst().rawRates())
        .containsExactly(entry("USD", "0.8"), entry("GBP", "0.5"), entry("CHF", "0.625"));
  }

  @Test
  void gapsAreLeftOutAndValuesThatAreNoPositiveDecimalStayAsSentForValidation() throws Exception {
    String body =
        """
        {"observations": [{"d": "2026-09-25", "FXUSDCAD": {"v": "1.25"}, "FXEURCAD": {"v": ""}, "FXJPYCAD": {},
          "FXGBPCAD": {"v": null}, "FXCHFCAD": {"v": "n/a"}, "FXZARCAD": {"v": "0"}, "FXTRYCAD": {"v": "-0.05"},
          "FXNOKCAD": {"x": "1"}, "FXSEKCAD": {"v": " 0.125 "}}]}
        """;

    assertThat(parser.parse(utf8(body)).getFirst().rawRates())
        .containsExactly(
            entry("USD", "0.8"),
            entry("CHF", "n/a"),
            entry("ZAR", "0"),
            entry("TRY", "-0.05"),
            entry("NOK", null),
            entry("SEK", "8"));
  }

  @Test
  void anEmptyObservationListIsNoDays() throws Exception {
    assertThat(parser.parse(utf8("{\"seriesDetail\": {}, \"observations\": []}"))).isEmpty();
  }

  @Test
  void valetErrorMessagesAreProviderErrors() {
    assertRefused(
            parser,
            """
        {"message": "Series FX_RATES_DAYLY not found.", "docs": "https://www.bankofcanada.ca/valet/docs"}
        """,
            ReasonCode.PROVIDER_ERROR)
        .hasMessageContaining("not found");
  }

  @Test
  void otherShapesAreUnknownFormats() {
    assertRefused(parser, "{\"seriesDetail\": {}}", ReasonCode.UNKNOWN_FORMAT)
        .hasMessageContaining("observations");
    assertRefused(parser, "{\"observations\": {\"d\": \"2026-09-25\"}}", ReasonCode.UNKNOWN_FORMAT);
    assertRefused(parser, "{\"observations\": [\"2026-09-25\"]}", ReasonCode.UNKNOWN_FORMAT);
    assertRefused(
            parser,
            "{\"observations\": [{\"FXUSDCAD\": {\"v\": \"1.37\"}}]}",
            ReasonCode.UNKNOWN_FORMAT)
        .hasMessageContaining("'d'");
    assertRefused(parser, "[]", ReasonCode.UNKNOWN_FORMAT);
  }

  @Test
  void unreadableBodiesAndDatesAreUnparseable() {
    assertRefused(parser, "observations", ReasonCode.UNPARSEABLE);
    assertRefused(
            parser,
            "{\"observations\": [{\"d\": \"2026-13-01\", \"FXUSDCAD\": {\"v\": \"1.37\"}}]}",
            ReasonCode.UNPARSEABLE)
        .hasMessageContaining("2026-13-01");
  }

  @Property(tries = 200)
  void theInverseTimesTheProvidersValueIsOneToTwentyDigits(
      @ForAll @BigRange(min = "0.000001", max = "100000") @Scale(6) BigDecimal v) {
    BigDecimal inverse = new BigDecimal(BankOfCanadaParser.inverse(v.toPlainString()));

    assertThat(inverse.multiply(v).round(new MathContext(19))).isEqualByComparingTo(BigDecimal.ONE);
  }
}
