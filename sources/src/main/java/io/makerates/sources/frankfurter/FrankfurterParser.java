package io.makerates.sources.frankfurter;

import static io.makerates.sources.JsonBodies.decimalText;
import static io.makerates.sources.JsonBodies.isoDate;
import static io.makerates.sources.JsonBodies.rawRates;
import static io.makerates.sources.JsonBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.JsonBodies;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.RateTexts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frankfurter answers (source type {@code frankfurter}):
 *
 * <ul>
 *   <li>v1 single day {@code {"amount":1.0,"base":"EUR","date":"…","rates":{"USD":1.08}}};
 *   <li>v1 range {@code {"base":"EUR","start_date":…,"end_date":…,"rates":{"2025-01-03":{…}}}};
 *   <li>v2 array {@code [{"date":"2026-10-05","base":"EUR","quote":"ILS","rate":3.85}, …]}, grouped
 *       by date and base into one provider day each, in the order they first appear.
 * </ul>
 *
 * Values may also arrive as strings or as {@code {"rate": x}} objects.
 */
public final class FrankfurterParser implements AnswerParser {

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (root.isArray()) {
      return v2Rates(root);
    }
    if (!root.isObject()) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "answer is neither a JSON object nor an array");
    }
    JsonNode rates = root.get("rates");
    if (rates == null) {
      if (root.hasNonNull("message")) {
        throw new AnswerRejectedException(
            ReasonCode.PROVIDER_ERROR, "provider error: " + root.get("message").asText());
      }
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "no 'rates' in the answer");
    }
    if (!rates.isObject()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "'rates' is not an object");
    }
    String base = text(root, "base");
    if (base == null) {
      throw new AnswerRejectedException(
          ReasonCode.BASE_MISSING, "the answer names no base currency");
    }
    checkAmountIsOne(root);
    if (root.has("date")) {
      return List.of(new ProviderDay(isoDate(root.get("date"), "date"), base, rawRates(rates)));
    }
    if (root.has("start_date") || root.has("end_date")) {
      List<ProviderDay> days = new ArrayList<>();
      for (Map.Entry<String, JsonNode> day : rates.properties()) {
        if (!day.getValue().isObject()) {
          throw new AnswerRejectedException(
              ReasonCode.UNKNOWN_FORMAT, "range entry " + day.getKey() + " is not an object");
        }
        days.add(
            new ProviderDay(isoDate(day.getKey(), "range entry"), base, rawRates(day.getValue())));
      }
      return days;
    }
    throw new AnswerRejectedException(
        ReasonCode.UNKNOWN_FORMAT, "neither 'date' nor 'start_date' in the answer");
  }

  private record DayKey(LocalDate date, String base) {}

  /**
   * The v2 array: one element per (date, base, quote); a quote given twice for one day and base
   * with different values refuses the whole answer (see {@link RateTexts#put}).
   */
  private static List<ProviderDay> v2Rates(JsonNode array) throws AnswerRejectedException {
    Map<DayKey, Map<String, String>> days = new LinkedHashMap<>();
    int index = 0;
    for (JsonNode element : array) {
      if (!element.isObject()) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "array element " + index + " is not an object");
      }
      String date = text(element, "date");
      String quote = text(element, "quote");
      if (date == null || quote == null || !element.has("rate")) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT,
            "array element " + index + " lacks 'date', 'quote' or 'rate'");
      }
      String base = text(element, "base");
      if (base == null) {
        throw new AnswerRejectedException(
            ReasonCode.BASE_MISSING, "array element " + index + " names no base currency");
      }
      DayKey key = new DayKey(isoDate(date, "array element " + index + " date"), base);
      Map<String, String> rates = days.computeIfAbsent(key, k -> new LinkedHashMap<>());
      RateTexts.put(
          rates, key.date() + " (base " + base + ")", quote, decimalText(element.get("rate")));
      index++;
    }
    List<ProviderDay> result = new ArrayList<>(days.size());
    days.forEach((key, rates) -> result.add(new ProviderDay(key.date(), key.base(), rates)));
    return result;
  }

  // Rates are per `amount` units of the base; anything but 1 would need rescaling we do not expect
  // from our requests.
  private static void checkAmountIsOne(JsonNode root) throws AnswerRejectedException {
    JsonNode amount = root.get("amount");
    if (amount != null
        && !(amount.isNumber() && amount.decimalValue().compareTo(BigDecimal.ONE) == 0)) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "amount " + amount + " is not 1");
    }
  }
}
