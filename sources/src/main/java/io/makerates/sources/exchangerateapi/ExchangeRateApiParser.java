package io.makerates.sources.exchangerateapi;

import static io.makerates.sources.JsonBodies.rawRates;
import static io.makerates.sources.JsonBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.JsonBodies;
import io.makerates.sources.ProviderDay;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * ExchangeRate-API answers (source type {@code exchangerate-api}), one provider day each:
 *
 * <ul>
 *   <li>keyed latest {@code /v6/{key}/latest/{base}}: {@code base_code}, {@code conversion_rates},
 *       {@code time_last_update_utc} ("Sat, 19 Sep 2026 00:02:31 +0000") and {@code
 *       time_last_update_unix};
 *   <li>open {@code open.er-api.com/v6/latest/{base}}: the same with {@code rates} instead of
 *       {@code conversion_rates};
 *   <li>keyed history {@code /v6/{key}/history/{base}/{y}/{m}/{d}}: {@code year}, {@code month},
 *       {@code day}, {@code base_code}, {@code conversion_rates}.
 * </ul>
 *
 * A latest answer is dated by the UTC day of its last update (the RFC 1123 text, else the unix
 * time), a history answer by its year, month and day. The base is usually USD: the answer's own
 * "EUR" entry is what rebases it, later. {@code "result":"error"} answers are refused as
 * PROVIDER_ERROR with their {@code error-type}.
 */
public final class ExchangeRateApiParser implements AnswerParser {

  private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isObject()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "answer is not a JSON object");
    }
    if ("error".equals(text(root, "result"))) {
      String errorType = text(root, "error-type");
      throw new AnswerRejectedException(
          ReasonCode.PROVIDER_ERROR,
          "provider error: " + (errorType == null ? "no error-type given" : errorType));
    }
    JsonNode rates =
        root.has("conversion_rates") ? root.get("conversion_rates") : root.get("rates");
    if (rates == null || !rates.isObject()) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT,
          "neither a 'conversion_rates' nor a 'rates' object in the answer");
    }
    String base = text(root, "base_code");
    if (base == null) {
      throw new AnswerRejectedException(ReasonCode.BASE_MISSING, "the answer has no base_code");
    }
    return List.of(new ProviderDay(date(root), base, rawRates(rates)));
  }

  private static LocalDate date(JsonNode root) throws AnswerRejectedException {
    if (root.has("year") || root.has("month") || root.has("day")) {
      return historyDate(root);
    }
    String utc = text(root, "time_last_update_utc");
    if (utc != null) {
      try {
        return ZonedDateTime.parse(utc, DateTimeFormatter.RFC_1123_DATE_TIME)
            .withZoneSameInstant(ZoneOffset.UTC)
            .toLocalDate();
      } catch (DateTimeException unreadable) {
        // the unix time says the same; without it the text's problem is the answer's
        if (!root.has("time_last_update_unix")) {
          throw new AnswerRejectedException(
              ReasonCode.UNPARSEABLE,
              "time_last_update_utc '" + utc + "' is not an RFC 1123 date-time");
        }
      }
    }
    JsonNode unix = root.get("time_last_update_unix");
    if (unix != null) {
      Long seconds = wholeNumber(unix);
      if (seconds == null) {
        throw new AnswerRejectedException(
            ReasonCode.UNPARSEABLE, "time_last_update_unix " + unix + " is not whole seconds");
      }
      try {
        return Instant.ofEpochSecond(seconds).atZone(ZoneOffset.UTC).toLocalDate();
      } catch (DateTimeException outOfRange) {
        throw new AnswerRejectedException(
            ReasonCode.UNPARSEABLE, "time_last_update_unix " + unix + " is out of range");
      }
    }
    throw new AnswerRejectedException(
        ReasonCode.UNKNOWN_FORMAT,
        "no time_last_update_utc, time_last_update_unix or year/month/day to date the answer");
  }

  private static LocalDate historyDate(JsonNode root) throws AnswerRejectedException {
    JsonNode year = root.path("year");
    JsonNode month = root.path("month");
    JsonNode day = root.path("day");
    Long y = wholeNumber(year);
    Long m = wholeNumber(month);
    Long d = wholeNumber(day);
    if (y == null || m == null || d == null) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE,
          "year/month/day " + year + "/" + month + "/" + day + " are not three whole numbers");
    }
    try {
      return LocalDate.of(Math.toIntExact(y), Math.toIntExact(m), Math.toIntExact(d));
    } catch (DateTimeException | ArithmeticException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE,
          "year/month/day " + year + "/" + month + "/" + day + " is not a date");
    }
  }

  /** A whole number sent as a number or as digits in a string, else null. */
  private static Long wholeNumber(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isTextual() && WHOLE.matcher(node.textValue().strip()).matches()) {
      return Long.parseLong(node.textValue().strip()); // at most 18 digits: fits a long
    }
    return null;
  }
}
