package io.makerates.sources.exchangerateapi;

import static io.makerates.sources.ParserAssertions.assertRefused;
import static io.makerates.sources.ParserAssertions.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.makerates.schema.ReasonCode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ExchangeRateApiParserTest {

  private static final String KEYED_LATEST =
      """
      {
       "result": "success",
       "documentation": "https://www.exchangerate-api.com/docs",
       "terms_of_use": "https://www.exchangerate-api.com/terms",
       "time_last_update_unix": 1790467201,
       "time_last_update_utc": "Sun, 27 Sep 2026 00:00:01 +0000",
       "time_next_update_unix": 1790553601,
       "time_next_update_utc": "Mon, 28 Sep 2026 00:00:01 +0000",
       "base_code": "USD",
       "conversion_rates": {
        "USD": 1,
        "EUR": 0.8700,
        "GBP": 0.7456,
        "JPY": 147.2301,
        "FOK": 6.4891
       }
      }
      """;

  private static final String OPEN_LATEST =
      """
      {
       "result": "success",
       "provider": "https://www.exchangerate-api.com",
       "documentation": "https://www.exchangerate-api.com/docs/free",
       "terms_of_use": "https://www.exchangerate-api.com/terms",
       "time_last_update_unix": 1790467351,
       "time_last_update_utc": "Sun, 27 Sep 2026 00:02:31 +0000",
       "time_next_update_unix": 1790554441,
       "time_next_update_utc": "Mon, 28 Sep 2026 00:34:01 +0000",
       "time_eol_unix": 0,
       "base_code": "USD",
       "rates": {
        "USD": 1,
        "EUR": 0.871262,
        "INR": 95.989567
       }
      }
      """;

  private static final String KEYED_HISTORY =
      """
      {
       "result": "success",
       "documentation": "https://www.exchangerate-api.com/docs",
       "terms_of_use": "https://www.exchangerate-api.com/terms",
       "year": 2026,
       "month": 3,
       "day": 9,
       "base_code": "USD",
       "conversion_rates": {"EUR": 0.9103, "CAD": 1.3590}
      }
      """;

  private final ExchangeRateApiParser parser = new ExchangeRateApiParser();

  @Test
  void keyedLatestIsOneDayDatedByItsLastUpdateWithTheBaseCodeAndExactText() throws Exception {
    assertThat(parser.parse(utf8(KEYED_LATEST)))
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.date()).isEqualTo(LocalDate.parse("2026-09-27"));
              assertThat(day.base()).isEqualTo("USD");
              // the base's own entry and non-ISO codes are passed on as sent: validation and
              // rebasing deal with them
              assertThat(day.rawRates())
                  .containsExactly(
                      entry("USD", "1"),
                      entry("EUR", "0.8700"),
                      entry("GBP", "0.7456"),
                      entry("JPY", "147.2301"),
                      entry("FOK", "6.4891"));
            });
  }

  @Test
  void openAnswersCarryRatesInsteadOfConversionRates() throws Exception {
    assertThat(parser.parse(utf8(OPEN_LATEST)))
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.date()).isEqualTo(LocalDate.parse("2026-09-27"));
              assertThat(day.base()).isEqualTo("USD");
              assertThat(day.rawRates())
                  .containsExactly(
                      entry("USD", "1"), entry("EUR", "0.871262"), entry("INR", "95.989567"));
            });
  }

  @Test
  void historyAnswersAreDatedByYearMonthAndDay() throws Exception {
    assertThat(parser.parse(utf8(KEYED_HISTORY)))
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.date()).isEqualTo(LocalDate.parse("2026-03-09"));
              assertThat(day.rawRates())
                  .containsExactly(entry("EUR", "0.9103"), entry("CAD", "1.3590"));
            });
    String asStrings =
        KEYED_HISTORY
            .replace("\"year\": 2026", "\"year\": \"2026\"")
            .replace("\"month\": 3", "\"month\": \"3\"")
            .replace("\"day\": 9", "\"day\": \"9\"");
    assertThat(parser.parse(utf8(asStrings)).getFirst().date())
        .isEqualTo(LocalDate.parse("2026-03-09"));
  }

  @Test
  void theDateIsTheUtcDayOfTheLastUpdate() throws Exception {
    String lateInAnotherZone =
        """
        {"result":"success","time_last_update_utc":"Sat, 26 Sep 2026 22:30:00 -0300",
         "base_code":"USD","rates":{"EUR":0.87}}
        """;
    assertThat(parser.parse(utf8(lateInAnotherZone)).getFirst().date())
        .isEqualTo(LocalDate.parse("2026-09-27"));

    String unixOnly =
        """
        {"result":"success","time_last_update_unix":1790467201,"base_code":"USD","rates":{"EUR":0.87}}
        """;
    assertThat(parser.parse(utf8(unixOnly)).getFirst().date())
        .isEqualTo(LocalDate.parse("2026-09-27"));

    String unreadableTextButUnix =
        """
        {"result":"success","time_last_update_utc":"yesterday","time_last_update_unix":"1790467201",
         "base_code":"USD","rates":{"EUR":0.87}}
        """;
    assertThat(parser.parse(utf8(unreadableTextButUnix)).getFirst().date())
        .isEqualTo(LocalDate.parse("2026-09-27"));
  }

  @Test
  void unknownFieldsAreIgnoredAndValuesMayBeStringsOrRateObjects() throws Exception {
    String body =
        """
        {"result":"success","base_code":"USD","time_last_update_unix":1790467201,"new_field":{"x":[1,2]},
         "conversion_rates":{"EUR":"0.8700","GBP":{"rate":0.7456},"JPY":{"rate":"147.23"},"BAD":true,"NUL":null}}
        """;

    assertThat(parser.parse(utf8(body)).getFirst().rawRates())
        .containsExactly(
            entry("EUR", "0.8700"),
            entry("GBP", "0.7456"),
            entry("JPY", "147.23"),
            entry("BAD", null),
            entry("NUL", null));
  }

  @Test
  void conversionRatesWinOverRatesWhenBothAreThere() throws Exception {
    String body =
        """
        {"result":"success","base_code":"USD","time_last_update_unix":1790467201,
         "conversion_rates":{"EUR":0.87},"rates":{"EUR":0.5}}
        """;

    assertThat(parser.parse(utf8(body)).getFirst().rawRates())
        .containsExactly(entry("EUR", "0.87"));
  }

  @Test
  void errorAnswersAreProviderErrorsNamingTheErrorType() {
    assertRefused(
            parser,
            "{\"result\":\"error\",\"error-type\":\"quota-reached\"}",
            ReasonCode.PROVIDER_ERROR)
        .hasMessageContaining("quota-reached");
    assertRefused(
            parser,
            "{\"result\":\"error\",\"documentation\":\"https://www.exchangerate-api.com/docs\"}",
            ReasonCode.PROVIDER_ERROR)
        .hasMessageContaining("no error-type");
  }

  @Test
  void anAnswerWithoutBaseCodeIsBaseMissing() {
    assertRefused(
        parser, KEYED_LATEST.replace("\"base_code\": \"USD\",", ""), ReasonCode.BASE_MISSING);
    assertRefused(
        parser,
        OPEN_LATEST.replace("\"base_code\": \"USD\"", "\"base_code\": \" \""),
        ReasonCode.BASE_MISSING);
  }

  @Test
  void anAnswerWithoutRatesOrDateIsAnUnknownFormat() {
    // a bare rates object (a cached copy of an answer's "rates") is no answer: no envelope, no
    // base, no date
    assertRefused(parser, "{\"USD\":1,\"EUR\":0.87}", ReasonCode.UNKNOWN_FORMAT)
        .hasMessageContaining("conversion_rates");
    assertRefused(
        parser,
        "{\"result\":\"success\",\"base_code\":\"USD\",\"rates\":[0.87]}",
        ReasonCode.UNKNOWN_FORMAT);
    assertRefused(
            parser,
            "{\"result\":\"success\",\"base_code\":\"USD\",\"rates\":{\"EUR\":0.87}}",
            ReasonCode.UNKNOWN_FORMAT)
        .hasMessageContaining("date");
    assertRefused(parser, "[{\"EUR\":0.87}]", ReasonCode.UNKNOWN_FORMAT);
  }

  @Test
  void unreadableBodiesAndDatesAreUnparseable() {
    assertRefused(parser, "<html>502 Bad Gateway</html>", ReasonCode.UNPARSEABLE);
    assertRefused(parser, "", ReasonCode.UNPARSEABLE);
    assertRefused(
            parser,
            KEYED_HISTORY
                .replace("\"day\": 9", "\"day\": 31")
                .replace("\"month\": 3", "\"month\": 2"),
            ReasonCode.UNPARSEABLE)
        .hasMessageContaining("not a date");
    assertRefused(
        parser, KEYED_HISTORY.replace("\"day\": 9", "\"day\": 9.5"), ReasonCode.UNPARSEABLE);
    assertRefused(
            parser,
            "{\"result\":\"success\",\"time_last_update_utc\":\"yesterday\",\"base_code\":\"USD\","
                + "\"rates\":{\"EUR\":0.87}}",
            ReasonCode.UNPARSEABLE)
        .hasMessageContaining("yesterday");
    assertRefused(
        parser,
        "{\"result\":\"success\",\"time_last_update_unix\":\"soon\",\"base_code\":\"USD\","
            + "\"rates\":{\"EUR\":0.87}}",
        ReasonCode.UNPARSEABLE);
  }
}
