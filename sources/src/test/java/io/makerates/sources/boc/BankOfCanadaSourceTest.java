package io.makerates.sources.boc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.sources.ProviderError;
import io.makerates.sources.SourceRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BankOfCanadaSourceTest {

  /**
   * Valet's layout: terms, group and series details, then observations oldest first, values as
   * strings. Made up.
   */
  static final String TWO_DAYS =
      """
      {
          "terms": {"url": "https://www.bankofcanada.ca/terms/"},
          "groupDetail": {"label": "Daily exchange rates", "description": "Daily average exchange rates", "link": null},
          "seriesDetail": {
              "FXUSDCAD": {"label": "USD/CAD", "description": "US dollar to Canadian dollar daily exchange rate",
                  "dimension": {"key": "d", "name": "Date"}},
              "FXEURCAD": {"label": "EUR/CAD", "description": "European euro to Canadian dollar daily exchange rate",
                  "dimension": {"key": "d", "name": "Date"}}
          },
          "observations": [
              {"d": "2026-02-02", "FXUSDCAD": {"v": "1.3641"}, "FXEURCAD": {"v": "1.4790"}},
              {"d": "2026-02-03", "FXUSDCAD": {"v": "1.3622"}, "FXEURCAD": {"v": "1.4815"}}
          ]
      }""";

  static final String NO_DAYS =
      """
      {"terms": {"url": "https://www.bankofcanada.ca/terms/"}, "seriesDetail": {}, "observations": []}""";

  final BankOfCanadaSource source =
      new BankOfCanadaSource(URI.create("https://www.bankofcanada.ca/valet/"));

  @Test
  void latestAsksForTheMostRecentDay() {
    SourceRequest latest = source.latest();
    assertThat(latest.url())
        .hasToString(
            "https://www.bankofcanada.ca/valet/observations/group/FX_RATES_DAILY/json?recent=1");
    assertThat(latest.params()).containsExactlyEntriesOf(Map.of("recent", "1"));
    assertThat(latest.headers()).containsExactlyEntriesOf(Map.of("Accept", "application/json"));
    assertThat(latest.requestedFrom()).isNull();
    assertThat(latest.requestedTo()).isNull();
    assertThat(source.type()).isEqualTo("boc");
    assertThat(source.usesApiKey()).isFalse();
  }

  @Test
  void aDayIsARangeOfOne() {
    LocalDate day = LocalDate.of(2026, 2, 3);
    SourceRequest request = source.day(day);
    assertThat(request.url())
        .hasToString(
            "https://www.bankofcanada.ca/valet/observations/group/FX_RATES_DAILY/json?start_date=2026-02-03&end_date=2026-02-03");
    assertThat(request.params())
        .containsEntry("start_date", "2026-02-03")
        .containsEntry("end_date", "2026-02-03");
    assertThat(request.requestedFrom()).isEqualTo(day);
    assertThat(request.requestedTo()).isEqualTo(day);
  }

  @Test
  void aRangeCarriesBothEnds() {
    LocalDate from = LocalDate.of(2026, 1, 26);
    LocalDate to = LocalDate.of(2026, 2, 3);
    SourceRequest request = source.range(from, to);
    assertThat(request.url().getQuery()).isEqualTo("start_date=2026-01-26&end_date=2026-02-03");
    assertThat(request.params())
        .hasSize(2)
        .containsEntry("start_date", "2026-01-26")
        .containsEntry("end_date", "2026-02-03");
    assertThat(request.requestedFrom()).isEqualTo(from);
    assertThat(request.requestedTo()).isEqualTo(to);
    assertThatThrownBy(() -> source.range(to, from)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsValetsMessageFromA404Or400() {
    byte[] notFound =
        bytes(
            "{\"message\":\"Series FXXYZCAD not found.\",\"docs\":\"https://www.bankofcanada.ca/valet/docs\"}");
    assertThat(source.providerError(404, notFound))
        .contains(ProviderError.other("Series FXXYZCAD not found."));
    byte[] badDate = bytes("{\"message\":\"Bad date: start_date must be before end_date\"}");
    assertThat(source.providerError(400, badDate))
        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ProviderError.Kind.OTHER));
    assertThat(source.providerError(404, bytes("<html><body>Not found</body></html>"))).isEmpty();
    assertThat(source.providerError(500, badDate)).isEmpty();
    assertThat(source.providerError(429, badDate)).isEmpty();
  }

  @Test
  void callsASuccessfulAnswerInAnotherFormatMalformed() {
    assertThat(
            source.providerError(
                200, bytes("<!DOCTYPE html><html><body>Maintenance</body></html>")))
        .hasValueSatisfying(
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderError.Kind.MALFORMED);
              assertThat(e.message()).contains("HTML");
            });
    assertThat(
            source.providerError(
                200, bytes(TWO_DAYS.substring(0, TWO_DAYS.indexOf("\"observations\"")))))
        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ProviderError.Kind.MALFORMED));
    assertThat(source.providerError(200, bytes("{\"message\":\"OK\"}")))
        .contains(ProviderError.malformed("a JSON object without an observations array"));
    assertThat(source.providerError(200, new byte[0]))
        .contains(ProviderError.malformed("empty body"));
  }

  @Test
  void acceptsObservationsEvenNone() {
    assertThat(source.providerError(200, bytes(TWO_DAYS))).isEmpty();
    assertThat(source.providerError(200, bytes(NO_DAYS))).isEmpty();
  }

  @Test
  void answerDateIsTheNewestObservation() {
    assertThat(source.answerDate(bytes(TWO_DAYS))).contains(LocalDate.of(2026, 2, 3));
    assertThat(source.answerDate(bytes(NO_DAYS))).isEmpty();
    assertThat(
            source.answerDate(bytes("{\"observations\":[{\"d\":\"n/a\"},{\"d\":\"2026-02-02\"}]}")))
        .contains(LocalDate.of(2026, 2, 2));
    assertThat(source.answerDate(bytes("{\"observations\":{\"d\":\"2026-02-02\"}}"))).isEmpty();
    assertThat(source.answerDate(bytes("<html></html>"))).isEmpty();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
