package io.makerates.sources.frankfurter;

import static io.makerates.sources.ParserAssertions.assertRefused;
import static io.makerates.sources.ParserAssertions.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.makerates.schema.ReasonCode;
import io.makerates.sources.ProviderDay;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrankfurterParserTest {

  private final FrankfurterParser parser = new FrankfurterParser();

  @Test
  void v1SingleDayKeepsTheExactDecimalText() throws Exception {
    String body =
        """
        {"amount":1.0,"base":"EUR","date":"2026-09-25","rates":{"GBP":0.87210,"JPY":172.4,"USD":1.0800,"IDR":19012}}
        """;

    assertThat(parser.parse(utf8(body)))
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.date()).isEqualTo(LocalDate.parse("2026-09-25"));
              assertThat(day.base()).isEqualTo("EUR");
              assertThat(day.rawRates())
                  .containsExactly(
                      entry("GBP", "0.87210"),
                      entry("JPY", "172.4"),
                      entry("USD", "1.0800"),
                      entry("IDR", "19012"));
            });
  }

  @Test
  void v1RangeIsOneDayPerDateWithTheAnswersBase() throws Exception {
    String body =
        """
        {"amount":1.0,"base":"USD","start_date":"2026-09-24","end_date":"2026-09-28",
         "rates":{"2026-09-24":{"EUR":0.9259,"GBP":0.8071},"2026-09-25":{"EUR":0.9260},"2026-09-28":{"EUR":0.9270}}}
        """;

    List<ProviderDay> days = parser.parse(utf8(body));

    assertThat(days)
        .extracting(ProviderDay::date)
        .containsExactly(
            LocalDate.parse("2026-09-24"),
            LocalDate.parse("2026-09-25"),
            LocalDate.parse("2026-09-28"));
    assertThat(days).extracting(ProviderDay::base).containsOnly("USD");
    assertThat(days.getFirst().rawRates())
        .containsExactly(entry("EUR", "0.9259"), entry("GBP", "0.8071"));
  }

  @Test
  void unknownFieldsAreIgnoredAndValuesMayBeStringsOrRateObjects() throws Exception {
    String body =
        """
        {"amount":1,"base":"EUR","date":"2026-09-25","provider":"ECB","links":{"self":"/v1/latest"},
         "rates":{"USD":"1.0800","GBP":{"rate":0.87210},"CHF":{"rate":"0.9350","source":"ECB"},"XXX":[1],"NUL":null}}
        """;

    assertThat(parser.parse(utf8(body)).getFirst().rawRates())
        .containsExactly(
            entry("USD", "1.0800"),
            entry("GBP", "0.87210"),
            entry("CHF", "0.9350"),
            entry("XXX", null),
            entry("NUL", null));
  }

  @Test
  void v2ArrayIsGroupedByDateAndBaseInTheOrderFirstSeen() throws Exception {
    String body =
        """
        [{"date":"2026-10-05","base":"EUR","quote":"ILS","rate":3.8500},
         {"date":"2026-10-05","base":"EUR","quote":"USD","rate":"1.0800","provider":"ECB"},
         {"date":"2026-10-02","base":"EUR","quote":"ILS","rate":{"rate":3.8412}},
         {"date":"2026-10-05","base":"USD","quote":"ILS","rate":3.5648},
         {"date":"2026-10-05","base":"EUR","quote":"ILS","rate":3.85}]
        """;

    List<ProviderDay> days = parser.parse(utf8(body));

    assertThat(days)
        .extracting(ProviderDay::date, ProviderDay::base)
        .containsExactly(
            tuple(LocalDate.parse("2026-10-05"), "EUR"),
            tuple(LocalDate.parse("2026-10-02"), "EUR"),
            tuple(LocalDate.parse("2026-10-05"), "USD"));
    assertThat(days.get(0).rawRates())
        .containsExactly(entry("ILS", "3.8500"), entry("USD", "1.0800"));
    assertThat(days.get(1).rawRates()).containsExactly(entry("ILS", "3.8412"));
    assertThat(days.get(2).rawRates()).containsExactly(entry("ILS", "3.5648"));
  }

  @Test
  void anEmptyV2ArrayIsNoDays() throws Exception {
    assertThat(parser.parse(utf8("[]"))).isEmpty();
  }

  @Test
  void v2ElementsMustBeCompleteAndConsistent() {
    assertRefused(
        parser,
        "[{\"date\":\"2026-10-05\",\"quote\":\"ILS\",\"rate\":3.85}]",
        ReasonCode.BASE_MISSING);
    assertRefused(
        parser,
        "[{\"date\":\"2026-10-05\",\"base\":\"EUR\",\"rate\":3.85}]",
        ReasonCode.UNKNOWN_FORMAT);
    assertRefused(
        parser,
        "[{\"date\":\"2026-10-05\",\"base\":\"EUR\",\"quote\":\"ILS\"}]",
        ReasonCode.UNKNOWN_FORMAT);
    assertRefused(
        parser, "[{\"base\":\"EUR\",\"quote\":\"ILS\",\"rate\":3.85}]", ReasonCode.UNKNOWN_FORMAT);
    assertRefused(parser, "[\"EUR/ILS 3.85\"]", ReasonCode.UNKNOWN_FORMAT);
    assertRefused(
        parser,
        "[{\"date\":\"5.10.2026\",\"base\":\"EUR\",\"quote\":\"ILS\",\"rate\":3.85}]",
        ReasonCode.UNPARSEABLE);
    assertRefused(
            parser,
            """
        [{"date":"2026-10-05","base":"EUR","quote":"ILS","rate":3.85},
         {"date":"2026-10-05","base":"EUR","quote":"ILS","rate":3.86}]
        """,
            ReasonCode.UNKNOWN_FORMAT)
        .hasMessageContaining("ILS given twice on 2026-10-05 (base EUR)");
  }

  @Test
  void v1ErrorsCarryTheirReasonCodes() {
    assertRefused(parser, "{\"message\":\"not found\"}", ReasonCode.PROVIDER_ERROR)
        .hasMessageContaining("not found");
    assertRefused(
        parser, "{\"date\":\"2026-09-25\",\"rates\":{\"USD\":1.08}}", ReasonCode.BASE_MISSING);
    assertRefused(parser, "{\"base\":\"EUR\",\"date\":\"2026-09-25\"}", ReasonCode.UNKNOWN_FORMAT);
    assertRefused(parser, "{\"base\":\"EUR\",\"rates\":{\"USD\":1.08}}", ReasonCode.UNKNOWN_FORMAT);
    assertRefused(
            parser,
            "{\"amount\":10,\"base\":\"EUR\",\"date\":\"2026-09-25\",\"rates\":{\"USD\":10.8}}",
            ReasonCode.UNKNOWN_FORMAT)
        .hasMessageContaining("amount");
    assertRefused(
        parser,
        "{\"base\":\"EUR\",\"date\":\"yesterday\",\"rates\":{\"USD\":1.08}}",
        ReasonCode.UNPARSEABLE);
    assertRefused(parser, "\"EUR\"", ReasonCode.UNKNOWN_FORMAT);
    assertRefused(parser, "{\"base\":", ReasonCode.UNPARSEABLE);
    assertRefused(parser, "", ReasonCode.UNPARSEABLE);
  }
}
