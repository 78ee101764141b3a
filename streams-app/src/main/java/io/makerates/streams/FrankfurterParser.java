package io.makerates.streams;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frankfurter v1 answers: a single day {@code {"amount":1.0,"base":"EUR","date":"…","rates":{"USD":1.08}}} or a range
 * {@code {"base":"EUR","start_date":…,"end_date":…,"rates":{"2025-01-03":{…}}}}.
 * Values may also arrive as strings or as {@code {"rate": x}} objects.
 */
public final class FrankfurterParser implements AnswerParser {

  // Floats as BigDecimal, keeping the provider's exact digits (trailing zeros included): money is never a double.
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
      .build();

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = readTree(body);
    if (!root.isObject()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "answer is not a JSON object");
    }
    JsonNode rates = root.get("rates");
    if (rates == null) {
      if (root.hasNonNull("message")) {
        throw new AnswerRejectedException(ReasonCode.PROVIDER_ERROR, "provider error: " + root.get("message").asText());
      }
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "no 'rates' in the answer");
    }
    if (!rates.isObject()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "'rates' is not an object");
    }
    String base = root.path("base").asText("").trim();
    if (base.isEmpty()) {
      throw new AnswerRejectedException(ReasonCode.BASE_MISSING, "the answer names no base currency");
    }
    checkAmountIsOne(root);
    if (root.has("date")) {
      return List.of(new ProviderDay(date(root.get("date")), base, rawRates(rates)));
    }
    if (root.has("start_date") || root.has("end_date")) {
      List<ProviderDay> days = new ArrayList<>();
      for (Map.Entry<String, JsonNode> day : rates.properties()) {
        if (!day.getValue().isObject()) {
          throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "range entry " + day.getKey() + " is not an object");
        }
        days.add(new ProviderDay(date(day.getKey()), base, rawRates(day.getValue())));
      }
      return days;
    }
    throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "neither 'date' nor 'start_date' in the answer");
  }

  private static JsonNode readTree(byte[] body) throws AnswerRejectedException {
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw new AnswerRejectedException(ReasonCode.UNPARSEABLE, "empty body");
      }
      return root;
    } catch (JacksonException e) {
      throw new AnswerRejectedException(ReasonCode.UNPARSEABLE, "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new AnswerRejectedException(ReasonCode.UNPARSEABLE, "unreadable body: " + e.getMessage());
    }
  }

  // Rates are per `amount` units of the base; anything but 1 would need rescaling we do not expect from our requests.
  private static void checkAmountIsOne(JsonNode root) throws AnswerRejectedException {
    JsonNode amount = root.get("amount");
    if (amount != null && !(amount.isNumber() && amount.decimalValue().compareTo(BigDecimal.ONE) == 0)) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "amount " + amount + " is not 1");
    }
  }

  private static LocalDate date(JsonNode node) throws AnswerRejectedException {
    return date(node.asText());
  }

  private static LocalDate date(String text) throws AnswerRejectedException {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(ReasonCode.UNPARSEABLE, "'" + text + "' is not an ISO date");
    }
  }

  private static Map<String, String> rawRates(JsonNode rates) {
    Map<String, String> raw = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> rate : rates.properties()) {
      raw.put(rate.getKey(), decimalText(rate.getValue()));
    }
    return raw;
  }

  /** The value as decimal text, or null when it is no kind of number; checking the text is validation's job. */
  static String decimalText(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return value.decimalValue().toPlainString();
    }
    if (value.isTextual()) {
      return value.textValue().trim();
    }
    if (value.isObject() && value.has("rate")) {
      return decimalText(value.get("rate"));
    }
    return null;
  }
}
