package io.makerates.sources.exchangerateapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.sources.ProviderError;
import io.makerates.sources.SourceRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExchangeRateApiSourceTest {

  /** The keyed v6 latest answer's layout ({@code conversion_rates}). Rates made up. */
  static final String KEYED_LATEST =
      """
      {
       "result": "success",
       "documentation": "https://www.exchangerate-api.com/docs",
       "terms_of_use": "https://www.exchangerate-api.com/terms",
       "time_last_update_unix": 1773878401,
       "time_last_update_utc": "Thu, 19 Mar 2026 00:00:01 +0000",
       "time_next_update_unix": 1773964801,
       "time_next_update_utc": "Fri, 20 Mar 2026 00:00:01 +0000",
       "base_code": "USD",
       "conversion_rates": {
        "USD": 1,
        "EUR": 0.9214,
        "JPY": 149.3120,
        "GBP": 0.7712
       }
      }""";

  /** The open API's layout ({@code rates}, a provider line, an end-of-life time). Rates made up. */
  static final String OPEN_LATEST =
      """
      {
       "result": "success",
       "provider": "https://www.exchangerate-api.com",
       "documentation": "https://www.exchangerate-api.com/docs/free",
       "terms_of_use": "https://www.exchangerate-api.com/terms",
       "time_last_update_unix": 1773878551,
       "time_last_update_utc": "Thu, 19 Mar 2026 00:02:31 +0000",
       "time_next_update_unix": 1773966221,
       "time_next_update_utc": "Fri, 20 Mar 2026 00:23:41 +0000",
       "time_eol_unix": 0,
       "base_code": "USD",
       "rates": {
        "USD": 1,
        "EUR": 0.921406,
        "CNH": 7.1843
       }
      }""";

  /** The keyed history answer's layout: the day as numbers, amounts rather than rates. */
  static final String KEYED_HISTORY =
      """
      {"result":"success","documentation":"https://www.exchangerate-api.com/docs","terms_of_use":"https://www.exchangerate-api.com/terms",
      "year":2025,"month":1,"day":3,"base_code":"USD","conversion_rates":{"EUR":0.9705,"GBP":0.8061}}""";

  final ExchangeRateApiSource keyed =
      new ExchangeRateApiSource(URI.create("https://v6.exchangerate-api.com/"), "USD", true);
  final ExchangeRateApiSource open =
      new ExchangeRateApiSource(URI.create("https://open.er-api.com"), "USD", false);

  @Test
  void keyedLatestPutsTheKeySlotInThePath() {
    SourceRequest latest = keyed.latest();
    assertThat(latest.url()).hasToString("https://v6.exchangerate-api.com/v6/***/latest/USD");
    assertThat(List.of(latest.url().getPath().split("/")))
        .containsExactly("", "v6", SourceRequest.API_KEY_SLOT, "latest", "USD");
    assertThat(latest.params()).containsExactlyEntriesOf(Map.of("base", "USD"));
    assertThat(latest.headers()).containsExactlyEntriesOf(Map.of("Accept", "application/json"));
    assertThat(latest.requestedFrom()).isNull();
    assertThat(latest.requestedTo()).isNull();
    assertThat(latest.sourceVersion()).isEqualTo("v6");
    assertThat(keyed.usesApiKey()).isTrue();
    assertThat(keyed.type()).isEqualTo("exchangerate-api");
  }

  @Test
  void openLatestHasNoKeySlot() {
    SourceRequest latest = open.latest();
    assertThat(latest.url()).hasToString("https://open.er-api.com/v6/latest/USD");
    assertThat(latest.url().toString()).doesNotContain(SourceRequest.API_KEY_SLOT);
    assertThat(open.usesApiKey()).isFalse();
  }

  @Test
  void asksForTheConfiguredBase() {
    assertThat(
            new ExchangeRateApiSource(URI.create("https://open.er-api.com"), "EUR", false)
                .latest()
                .url())
        .hasToString("https://open.er-api.com/v6/latest/EUR");
    assertThat(
            new ExchangeRateApiSource(URI.create("https://v6.exchangerate-api.com"), "GBP", true)
                .latest()
                .params())
        .containsEntry("base", "GBP");
  }

  @Test
  void keyedHistoryWritesTheDateWithoutLeadingZeros() {
    LocalDate day = LocalDate.of(2025, 1, 3);
    SourceRequest request = keyed.day(day);
    assertThat(request.url())
        .hasToString("https://v6.exchangerate-api.com/v6/***/history/USD/2025/1/3");
    assertThat(request.params()).containsEntry("base", "USD").containsEntry("date", "2025-01-03");
    assertThat(request.requestedFrom()).isEqualTo(day);
    assertThat(request.requestedTo()).isEqualTo(day);
    assertThat(keyed.day(LocalDate.of(2024, 12, 31)).url().getPath())
        .endsWith("/history/USD/2024/12/31");
  }

  @Test
  void refusesWhatTheApiCannotServe() {
    LocalDate day = LocalDate.of(2025, 1, 3);
    assertThatThrownBy(() -> open.day(day))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage(
            "open.er-api.com serves only the latest rates; use a keyed exchangerate-api source for history");
    assertThatThrownBy(() -> open.range(day, day.plusDays(3)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("only the latest rates");
    assertThatThrownBy(() -> keyed.range(day, day.plusDays(3)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("no range endpoint");
  }

  @Test
  void aSpentQuotaIsQuotaExhaustedWhateverTheStatus() {
    byte[] body = error("quota-reached");
    assertThat(keyed.providerError(200, body))
        .hasValueSatisfying(
            e -> assertThat(e.kind()).isEqualTo(ProviderError.Kind.QUOTA_EXHAUSTED));
    assertThat(keyed.providerError(429, body))
        .hasValueSatisfying(
            e -> assertThat(e.kind()).isEqualTo(ProviderError.Kind.QUOTA_EXHAUSTED));
  }

  @Test
  void aRefusedKeyIsKeyRejected() {
    for (String errorType : List.of("invalid-key", "inactive-account")) {
      assertThat(keyed.providerError(200, error(errorType)))
          .hasValueSatisfying(
              e -> {
                assertThat(e.kind()).isEqualTo(ProviderError.Kind.KEY_REJECTED);
                assertThat(e.message()).contains(errorType);
              });
      assertThat(keyed.providerError(403, error(errorType)))
          .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ProviderError.Kind.KEY_REJECTED));
    }
  }

  @Test
  void otherErrorTypesAreOtherAndNamed() {
    for (String errorType :
        List.of(
            "unsupported-code",
            "malformed-request",
            "no-data-available",
            "plan-upgrade-required")) {
      assertThat(keyed.providerError(200, error(errorType)))
          .hasValueSatisfying(
              e -> {
                assertThat(e.kind()).isEqualTo(ProviderError.Kind.OTHER);
                assertThat(e.message()).contains(errorType);
              });
    }
    assertThat(open.providerError(404, error("unsupported-code")))
        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ProviderError.Kind.OTHER));
    assertThat(keyed.providerError(200, bytes("{\"result\":\"error\"}")))
        .contains(ProviderError.other("error without an error-type"));
  }

  @Test
  void leavesTransientStatusesToTheStatusRulesUnlessQuotaOrKey() {
    assertThat(open.providerError(429, error("rate-limited"))).isEmpty();
    assertThat(open.providerError(503, error("service-unavailable"))).isEmpty();
    assertThat(open.providerError(502, bytes("<html><body>Bad gateway</body></html>"))).isEmpty();
  }

  @Test
  void callsASuccessfulAnswerInAnotherFormatMalformed() {
    assertThat(open.providerError(200, bytes("<html><body>Cloudflare</body></html>")))
        .hasValueSatisfying(
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderError.Kind.MALFORMED);
              assertThat(e.message()).contains("HTML");
            });
    assertThat(
            open.providerError(
                200, bytes(OPEN_LATEST.substring(0, OPEN_LATEST.indexOf("\"rates\"")))))
        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ProviderError.Kind.MALFORMED));
    assertThat(open.providerError(200, bytes("[{\"USD\":1}]")))
        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ProviderError.Kind.MALFORMED));
    assertThat(open.providerError(200, bytes("{\"USD\":1,\"EUR\":0.92}")))
        .hasValueSatisfying(
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderError.Kind.MALFORMED);
              assertThat(e.message()).contains("no result");
            });
    assertThat(open.providerError(200, new byte[0]))
        .contains(ProviderError.malformed("empty body"));
  }

  @Test
  void acceptsSuccessfulAnswersOfBothModes() {
    assertThat(keyed.providerError(200, bytes(KEYED_LATEST))).isEmpty();
    assertThat(open.providerError(200, bytes(OPEN_LATEST))).isEmpty();
    assertThat(keyed.providerError(200, bytes(KEYED_HISTORY))).isEmpty();
  }

  @Test
  void answerDateIsTheUtcDayOfTheLastUpdate() {
    assertThat(keyed.answerDate(bytes(KEYED_LATEST))).contains(LocalDate.of(2026, 3, 19));
    assertThat(open.answerDate(bytes(OPEN_LATEST))).contains(LocalDate.of(2026, 3, 19));
    // an offset other than +0000 is moved to UTC before the day is taken
    assertThat(
            open.answerDate(
                bytes("{\"time_last_update_utc\":\"Thu, 19 Mar 2026 00:30:00 +0100\"}")))
        .contains(LocalDate.of(2026, 3, 18));
  }

  @Test
  void answerDateFallsBackToTheUnixTime() {
    // 1773878401 is 2026-03-19T00:00:01Z
    assertThat(
            open.answerDate(
                bytes("{\"time_last_update_utc\":\"soon\",\"time_last_update_unix\":1773878401}")))
        .contains(LocalDate.of(2026, 3, 19));
    assertThat(open.answerDate(bytes("{\"time_last_update_unix\":1773878399}")))
        .contains(LocalDate.of(2026, 3, 18));
  }

  @Test
  void answerDateOfAHistoryAnswerIsItsDay() {
    assertThat(keyed.answerDate(bytes(KEYED_HISTORY))).contains(LocalDate.of(2025, 1, 3));
  }

  @Test
  void answerDateIsEmptyWhenTheAnswerDoesNotSay() {
    assertThat(open.answerDate(bytes("{\"result\":\"success\",\"rates\":{}}"))).isEmpty();
    assertThat(open.answerDate(error("quota-reached"))).isEmpty();
    assertThat(open.answerDate(bytes("<html></html>"))).isEmpty();
    assertThat(open.answerDate(new byte[0])).isEmpty();
  }

  /** The provider's error layout. */
  private static byte[] error(String errorType) {
    return bytes(
        "{\n \"result\": \"error\",\n \"documentation\": \"https://www.exchangerate-api.com/docs\",\n"
            + " \"terms-of-use\": \"https://www.exchangerate-api.com/terms\",\n \"error-type\": \""
            + errorType
            + "\"\n}");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
