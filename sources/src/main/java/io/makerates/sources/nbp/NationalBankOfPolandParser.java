package io.makerates.sources.nbp;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * National Bank of Poland ({@code nbp}) answers of {@code
 * /api/exchangerates/tables/A/…?format=json}: an array of tables {@code
 * [{"table":"A","no":"041/A/NBP/2026","effectiveDate":"2026-03-02","rates":[{"currency":"…","code":"USD",
 * "mid":3.6056},…]}]}, one per working day. {@code mid} is PLN per one unit for every currency (the
 * API has no multipliers), so each becomes PLN→X = 1 / mid. Table A only: the weekly Table B is its
 * own type ({@code nbp-b}), which votes through this table's EUR/PLN.
 */
public final class NationalBankOfPolandParser implements AnswerParser {

  public static final String BASE = "PLN";

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
      if (!"A".equals(kind)) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "table " + index + " is table " + kind + ", not A");
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
}
