package io.makerates.sources.hkma;

import static io.makerates.sources.JsonBodies.decimalText;
import static io.makerates.sources.JsonBodies.isoDate;
import static io.makerates.sources.JsonBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.HomeQuotes;
import io.makerates.sources.JsonBodies;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.RateTexts;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hong Kong Monetary Authority ({@code hkma}) answers of the {@code er-eeri-daily} dataset: {@code
 * {"header":{"success":true,"err_code":"0000",…},"result":{"datasize":4,"records":[{"end_of_day":
 * "2026-02-28","usd":7.8245,"jpy":0.05012,…,"special_drawing_rights":10.75…,"neeri_2020_trade_wgt":
 * 101.2}]}}}. Each three-letter field is HKD per one unit of that currency (no multipliers, JPY
 * included), so each becomes HKD→X = 1 / value; {@code special_drawing_rights} is read as XDR and
 * the effective-exchange-rate indices ({@code neeri_*}) are not rates. A {@code null} is a value
 * not published (the pre-euro currencies always, SDR on a Saturday): no rate, not a bad one.
 *
 * <p>The numbers are binary doubles written out in full ({@code 7.8245000000000005}); one sent with
 * more than the 15 significant digits a double holds is rounded to 15 in decimals.
 */
public final class HongKongMonetaryAuthorityParser implements AnswerParser {

  public static final String BASE = "HKD";
  private static final MathContext DOUBLE_DIGITS = new MathContext(15);

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    JsonNode header = root.path("header");
    if (header.path("success").isBoolean() && !header.path("success").booleanValue()) {
      throw new AnswerRejectedException(
          ReasonCode.PROVIDER_ERROR,
          "provider error " + text(header, "err_code") + ": " + text(header, "err_msg"));
    }
    JsonNode records = root.path("result").path("records");
    if (!records.isArray()) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "no 'result.records' array in the answer");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    int index = 0;
    for (JsonNode record : records) {
      String day = text(record, "end_of_day");
      if (day == null) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "record " + index + " has no 'end_of_day'");
      }
      LocalDate date = isoDate(day, "record " + index + " end_of_day");
      Map<String, String> rates = byDay.computeIfAbsent(date, d -> new LinkedHashMap<>());
      for (Map.Entry<String, JsonNode> field : record.properties()) {
        String code = code(field.getKey());
        if (code != null && !field.getValue().isNull()) {
          String value = withoutFloatNoise(decimalText(field.getValue()));
          RateTexts.put(
              rates, day, code, value == null ? null : HomeQuotes.homeToForeign(value, null));
        }
      }
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, rates) -> days.add(new ProviderDay(date, BASE, rates)));
    return days;
  }

  /** The currency a field holds, or null for the date and the indices. */
  private static String code(String field) {
    if ("special_drawing_rights".equals(field)) {
      return "XDR";
    }
    return field.matches("[a-z]{3}") ? field.toUpperCase(Locale.ROOT) : null;
  }

  /** The decimal a double was meant to say, when more digits were written than it holds. */
  static String withoutFloatNoise(String text) {
    if (text == null) {
      return null;
    }
    try {
      BigDecimal value = new BigDecimal(text);
      return value.precision() <= DOUBLE_DIGITS.getPrecision()
          ? text
          : value.round(DOUBLE_DIGITS).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException notADecimal) {
      return text;
    }
  }
}
