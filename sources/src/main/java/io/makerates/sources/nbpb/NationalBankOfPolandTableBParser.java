package io.makerates.sources.nbpb;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * National Bank of Poland ({@code nbp-b}) answers of {@code
 * /api/exchangerates/tables/B/…?format=json}: an array of tables {@code
 * [{"table":"B","no":"009/B/NBP/2026","effectiveDate":"2026-03-04","rates":[{"currency":"…",
 * "code":"AFN","mid":0.056626},…]}]}, one per Wednesday. {@code mid} is PLN per one unit for every
 * currency (no multipliers), so each becomes PLN→X = 1 / mid. Another table (A, C) is refused.
 *
 * <p>A {@code mid} written with fewer than {@value #MIN_SIGNIFICANT_DIGITS} significant digits is
 * left out: Table B writes its tiniest values with two ({@code "IRR": 0.0000028}, {@code "LBP":
 * 0.000041}, {@code "VES": 0.0087}), which is up to about 2 % of rounding, far coarser than the few
 * basis points within which official voices agree, so such a figure would only ever dispute them.
 * The digits are counted as the provider wrote them ({@code 0.1000} has four).
 */
public final class NationalBankOfPolandTableBParser implements AnswerParser {

  public static final String BASE = "PLN";

  /** The fewest significant digits a {@code mid} needs to be kept. */
  public static final int MIN_SIGNIFICANT_DIGITS = 3;

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isArray()) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "answer is not a JSON array of tables");
    }
    List<ProviderDay> days = new ArrayList<>();
    int index = 0;
    for (JsonNode table : root) {
      String kind = text(table, "table");
      if (!"B".equals(kind)) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "table " + index + " is table " + kind + ", not B");
      }
      String effective = text(table, "effectiveDate");
      JsonNode rates = table.get("rates");
      if (effective == null || rates == null || !rates.isArray()) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "table " + index + " has no effectiveDate or rates");
      }
      var date = isoDate(effective, "table " + index + " effectiveDate");
      Map<String, String> values = new LinkedHashMap<>();
      for (JsonNode rate : rates) {
        String code = text(rate, "code");
        String mid = decimalText(rate.get("mid"));
        if (tooCoarse(mid)) {
          continue;
        }
        RateTexts.put(
            values,
            date.toString(),
            code == null ? "" : code,
            mid == null ? null : HomeQuotes.homeToForeign(mid, null));
      }
      days.add(new ProviderDay(date, BASE, values));
      index++;
    }
    return days;
  }

  /**
   * Whether {@code mid} is a positive decimal written with fewer than {@value
   * #MIN_SIGNIFICANT_DIGITS} significant digits. Anything else (missing, zero, not a number) is
   * kept for validation to reject with its reason.
   */
  static boolean tooCoarse(String mid) {
    if (mid == null) {
      return false;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(mid);
    } catch (NumberFormatException notADecimal) {
      return false;
    }
    // BigDecimal keeps the digits as written: 0.0087 is 87×10⁻⁴ (2), 0.1000 is 1000×10⁻⁴ (4)
    return value.signum() > 0 && value.precision() < MIN_SIGNIFICANT_DIGITS;
  }
}
