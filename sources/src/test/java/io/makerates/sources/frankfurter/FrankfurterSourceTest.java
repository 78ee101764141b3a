package io.makerates.sources.frankfurter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.sources.ProviderError;
import io.makerates.sources.SourceRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FrankfurterSourceTest {

  final FrankfurterSource source =
      new FrankfurterSource(URI.create("https://api.frankfurter.dev/"));

  @Test
  void latestHasNoDateRange() {
    SourceRequest latest = source.latest();
    assertThat(latest.url()).hasToString("https://api.frankfurter.dev/v1/latest");
    assertThat(latest.requestedFrom()).isNull();
    assertThat(latest.requestedTo()).isNull();
    assertThat(latest.sourceVersion()).isEqualTo("v1");
    assertThat(latest.headers()).containsEntry("Accept", "application/json");
  }

  @Test
  void oneDayAndARangeCarryTheirDatesAsPathParameters() {
    LocalDate from = LocalDate.of(2025, 1, 3);
    LocalDate to = LocalDate.of(2025, 1, 7);

    SourceRequest day = source.day(from);
    assertThat(day.url()).hasToString("https://api.frankfurter.dev/v1/2025-01-03");
    assertThat(day.params()).containsExactlyEntriesOf(java.util.Map.of("date", "2025-01-03"));
    assertThat(day.requestedFrom()).isEqualTo(from);
    assertThat(day.requestedTo()).isEqualTo(from);

    SourceRequest range = source.range(from, to);
    assertThat(range.url()).hasToString("https://api.frankfurter.dev/v1/2025-01-03..2025-01-07");
    assertThat(range.params())
        .containsEntry("from", "2025-01-03")
        .containsEntry("to", "2025-01-07");
    assertThat(range.requestedFrom()).isEqualTo(from);
    assertThat(range.requestedTo()).isEqualTo(to);
    assertThatThrownBy(() -> source.range(to, from)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void asksForAnotherBaseWithTheBaseParameter() {
    FrankfurterSource usd = new FrankfurterSource(URI.create("https://api.frankfurter.dev"), "USD");
    assertThat(usd.latest().url()).hasToString("https://api.frankfurter.dev/v1/latest?base=USD");
    assertThat(usd.day(LocalDate.of(2025, 1, 3)).params())
        .containsEntry("base", "USD")
        .containsEntry("date", "2025-01-03");
    assertThat(source.latest().params()).doesNotContainKey("base");
  }

  @Test
  void readsTheProvidersErrorMessageFromAClientError() {
    byte[] notFound = "{\"message\":\"not found\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(source.providerError(404, notFound)).contains(ProviderError.other("not found"));
    assertThat(source.providerError(200, notFound)).isEmpty();
    assertThat(source.providerError(429, notFound)).isEmpty();
    assertThat(source.providerError(404, "<html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void callsASuccessfulAnswerThatIsNoJsonObjectMalformed() {
    assertThat(
            source.providerError(
                200, "<html><body>Bad gateway</body></html>".getBytes(StandardCharsets.UTF_8)))
        .hasValueSatisfying(
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderError.Kind.MALFORMED);
              assertThat(e.message()).contains("HTML");
            });
    assertThat(
            source.providerError(
                200, "{\"amount\":1.0,\"rates\":{\"USD\":1.1".getBytes(StandardCharsets.UTF_8)))
        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ProviderError.Kind.MALFORMED));
    assertThat(source.providerError(200, new byte[0]))
        .hasValueSatisfying(e -> assertThat(e.message()).isEqualTo("empty body"));
    assertThat(source.providerError(200, "{\"rates\":{}}".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
  }

  @Test
  void answerDateIsTheDayOrTheRangesLastDay() {
    byte[] day =
        "{\"amount\":1.0,\"base\":\"EUR\",\"date\":\"2026-03-19\",\"rates\":{\"USD\":1.0871}}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(source.answerDate(day)).contains(LocalDate.of(2026, 3, 19));
    byte[] range =
        ("{\"amount\":1.0,\"base\":\"EUR\",\"start_date\":\"2026-03-16\",\"end_date\":\"2026-03-18\","
                + "\"rates\":{\"2026-03-16\":{\"USD\":1.09},\"2026-03-18\":{\"USD\":1.0902}}}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(source.answerDate(range)).contains(LocalDate.of(2026, 3, 18));
  }

  @Test
  void answerDateIsEmptyWhenTheAnswerDoesNotSay() {
    assertThat(
            source.answerDate(
                "[{\"date\":\"2026-03-19\",\"base\":\"EUR\",\"quote\":\"USD\",\"rate\":1.0871}]"
                    .getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(source.answerDate("{\"message\":\"not found\"}".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(source.answerDate("{\"date\":\"19.03.2026\"}".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(source.answerDate("<html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(source.answerDate(new byte[0])).isEmpty();
  }
}
