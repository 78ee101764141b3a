package io.makerates.sources.boc;

import static io.makerates.sources.JsonBodies.decimalText;
import static io.makerates.sources.JsonBodies.isoDate;
import static io.makerates.sources.JsonBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.JsonBodies;
import io.makerates.sources.ProviderDay;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bank of Canada Valet answers (source type {@code boc}) of {@code
 * /observations/group/FX_RATES_DAILY/json}: {@code
 * {"observations":[{"d":"2026-03-12","FXUSDCAD":{"v":"1.3617"},…},…]}}, one provider day per
 * observation.
 *
 * <p>A series {@code FX{XXX}CAD} is the price of one XXX in CAD, so v is XXX→CAD. A provider day
 * holds base→quote values, so each becomes CAD→XXX = 1 / v (BigDecimal, 34 significant digits,
 * HALF_EVEN, trailing zeros stripped); the answer's own CAD→EUR entry is then what rebases the day
 * to EUR. <b>Lineage:</b> the provider's own figure is v, but BronzeValidator records as {@code
 * providerRate} the CAD→XXX text it is given, i.e. this inverse (and for the EUR leg, 1 / that
 * inverse); the original v is in the bronze body. Values are strings in Valet; one that is not a
 * decimal, or not positive, is passed on as its text for validation to reject; a missing or empty
 * {@code v} is left out (Valet leaves gaps for days a series was not published). Fields that are
 * not {@code FX…CAD} series are ignored.
 */
public final class BankOfCanadaParser implements AnswerParser {

  public static final String BASE = "CAD";
  // 34 digits, so that the validator's 20-digit rebasing of two inverses equals the exact quotient
  // of the originals
  static final MathContext INVERSE = MathContext.DECIMAL128;
  private static final Pattern SERIES = Pattern.compile("FX([A-Z]{3})CAD");

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isObject()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "answer is not a JSON object");
    }
    JsonNode observations = root.get("observations");
    if (observations == null) {
      String message = text(root, "message");
      if (message != null) {
        throw new AnswerRejectedException(ReasonCode.PROVIDER_ERROR, "provider error: " + message);
      }
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "no 'observations' in the answer");
    }
    if (!observations.isArray()) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "'observations' is not an array");
    }
    List<ProviderDay> days = new ArrayList<>(observations.size());
    int index = 0;
    for (JsonNode observation : observations) {
      if (!observation.isObject()) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "observation " + index + " is not an object");
      }
      String d = text(observation, "d");
      if (d == null) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "observation " + index + " has no date 'd'");
      }
      days.add(
          new ProviderDay(
              isoDate(d, "observation " + index + " date"), BASE, cadRates(observation)));
      index++;
    }
    return days;
  }

  private static Map<String, String> cadRates(JsonNode observation) {
    Map<String, String> rates = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : observation.properties()) {
      Matcher series = SERIES.matcher(field.getKey());
      if (!series.matches()) {
        continue;
      }
      JsonNode value = field.getValue();
      JsonNode v = value.isObject() && value.has("v") ? value.get("v") : value;
      if (isGap(v)) {
        continue;
      }
      String text = decimalText(v);
      rates.put(series.group(1), text == null ? null : inverse(text));
    }
    return rates;
  }

  // Valet leaves a series out of a day, or gives it an empty value, when it was not published that
  // day.
  private static boolean isGap(JsonNode v) {
    return v == null
        || v.isNull()
        || (v.isTextual() && v.textValue().isBlank())
        || (v.isObject() && v.isEmpty());
  }

  /**
   * CAD→XXX = 1 / v; text that is no positive decimal is returned as it is, for validation to
   * reject.
   */
  public static String inverse(String v) {
    BigDecimal value;
    try {
      value = new BigDecimal(v);
    } catch (NumberFormatException notADecimal) {
      return v;
    }
    if (value.signum() <= 0) {
      return v;
    }
    return BigDecimal.ONE.divide(value, INVERSE).stripTrailingZeros().toPlainString();
  }
}
