package io.makerates.sources;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.makerates.schema.ReasonCode;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the JSON answer parsers share: reading the body, decimal text of a value, ISO dates. */
public final class JsonBodies {

  // Floats as BigDecimal, keeping the provider's exact digits (trailing zeros included): money is
  // never a double.
  public static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          .build();

  private JsonBodies() {}

  /** The body as a JSON tree; an empty or non-JSON body is UNPARSEABLE. */
  public static JsonNode read(byte[] body) throws AnswerRejectedException {
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw new AnswerRejectedException(ReasonCode.UNPARSEABLE, "empty body");
      }
      return root;
    } catch (JacksonException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, "unreadable body: " + e.getMessage());
    }
  }

  public static LocalDate isoDate(JsonNode node, String what) throws AnswerRejectedException {
    return isoDate(node.asText(), what);
  }

  public static LocalDate isoDate(String text, String what) throws AnswerRejectedException {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, what + " '" + text + "' is not an ISO date");
    }
  }

  /** Every property of a {@code {"USD": 1.08, …}} object as decimal text, in the answer's order. */
  public static Map<String, String> rawRates(JsonNode rates) {
    Map<String, String> raw = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> rate : rates.properties()) {
      raw.put(rate.getKey(), decimalText(rate.getValue()));
    }
    return raw;
  }

  /**
   * The value as decimal text, or null when it is no kind of number; checking the text is
   * validation's job. Numbers keep their digits as sent ({@code 1.0800} stays "1.0800"); strings
   * are taken as they are; {@code {"rate": x}} objects give x.
   */
  public static String decimalText(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return value.decimalValue().toPlainString();
    }
    if (value.isTextual()) {
      return value.textValue().strip();
    }
    if (value.isObject() && value.has("rate")) {
      return decimalText(value.get("rate"));
    }
    return null;
  }

  /** The text of a field, stripped, or null when it is absent, null or blank. */
  public static String text(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull() || node.isContainerNode()) {
      return null;
    }
    String text = node.asText().strip();
    return text.isEmpty() ? null : text;
  }
}
