package io.makerates.sources.exchangerateapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.sources.JsonAnswers;
import io.makerates.sources.ProviderError;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Reads an answer body's JSON apart from {@link ExchangeRateApiSource}, which only says what to ask
 * for: the error types and the three ways an answer states its day are the provider's answer
 * format, and keeping them here leaves the source about endpoints and keys.
 */
final class ExchangeRateApiAnswer {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ExchangeRateApiAnswer() {}

  /**
   * The provider's {@code error-type} decides: a spent quota and a refused key hand over to other
   * sources whatever the HTTP status. Any other error type is the provider's word on this request,
   * except on a 429 or 5xx, which are left to the status rules so that they are retried (after
   * Retry-After) as transient.
   */
  static Optional<ProviderError> providerError(int status, byte[] body) {
    JsonNode answer = parse(body);
    if (answer != null && "error".equals(answer.path("result").asText(null))) {
      String errorType = answer.path("error-type").asText("");
      switch (errorType) {
        case "quota-reached" -> {
          return Optional.of(
              ProviderError.quotaExhausted(
                  "quota-reached: the plan's requests for this period are spent"));
        }
        case "invalid-key", "inactive-account" -> {
          return Optional.of(ProviderError.keyRejected(errorType + ": the API key is refused"));
        }
        default -> {
          if (status == 429 || status >= 500) {
            return Optional.empty();
          }
          return Optional.of(
              ProviderError.other(
                  errorType.isEmpty()
                      ? "error without an error-type"
                      : "error-type " + shortened(errorType)));
        }
      }
    }
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    Optional<String> problem = JsonAnswers.objectProblem(body);
    if (problem.isPresent() || answer == null) {
      return Optional.of(ProviderError.malformed(problem.orElse("not a JSON object")));
    }
    String result = answer.path("result").asText(null);
    return "success".equals(result)
        ? Optional.empty()
        : Optional.of(
            ProviderError.malformed(
                "expected \"result\":\"success\", got "
                    + (result == null ? "no result" : "\"result\":\"" + shortened(result) + "\"")));
  }

  /**
   * A latest answer's date is the day of {@code time_last_update_utc} (an RFC 1123 date, e.g. "Sat,
   * 19 Sep 2026 00:02:31 +0000") in UTC, else of {@code time_last_update_unix}; a history answer
   * gives {@code year}, {@code month} and {@code day}.
   */
  static Optional<LocalDate> date(byte[] body) {
    JsonNode answer = parse(body);
    if (answer == null) {
      return Optional.empty();
    }
    JsonNode utc = answer.path("time_last_update_utc");
    if (utc.isTextual()) {
      try {
        return Optional.of(
            ZonedDateTime.parse(utc.asText().strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                .withZoneSameInstant(ZoneOffset.UTC)
                .toLocalDate());
      } catch (DateTimeException unreadable) {
        // the unix time below says the same
      }
    }
    JsonNode unix = answer.path("time_last_update_unix");
    if (unix.isIntegralNumber() && unix.canConvertToLong()) {
      try {
        return Optional.of(
            Instant.ofEpochSecond(unix.asLong()).atZone(ZoneOffset.UTC).toLocalDate());
      } catch (DateTimeException outOfRange) {
        return Optional.empty();
      }
    }
    JsonNode year = answer.path("year");
    JsonNode month = answer.path("month");
    JsonNode day = answer.path("day");
    if (year.isIntegralNumber() && month.isIntegralNumber() && day.isIntegralNumber()) {
      try {
        return Optional.of(LocalDate.of(year.asInt(), month.asInt(), day.asInt()));
      } catch (DateTimeException notADate) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The body as a JSON object, or null when it is none. */
  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String shortened(String text) {
    return text.length() > 100 ? text.substring(0, 100) + "..." : text;
  }
}
