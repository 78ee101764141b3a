package io.makerates.sources.nbe;

import com.fasterxml.jackson.databind.JsonNode;
import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.HomeQuotes;
import io.makerates.sources.JsonBodies;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.RateTexts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * National Bank of Ethiopia ({@code nbe}) answers of {@code /api/filter-exchange-rates}: {@code
 * {"success":true,"message":"OK","status":200,"data":[{"buying":"157.227","selling":"158.7993",
 * "date":"2026-05-18","weighted_average":"157.227","currency":{"name":"…","code":"USD"}},…]}}.
 * Rates are ETB per unit (the yen included). The mid of buying and selling is taken, computed
 * exactly: for every currency but USD it equals {@code weighted_average}, while USD's {@code
 * weighted_average} equals its buying rate, which would put every pair with USD about 50 bp off the
 * others; {@code weighted_average} is the fallback when a side is missing. ETB→X = 1 / mid.
 */
public final class NationalBankOfEthiopiaParser implements AnswerParser {

  public static final String BASE = "ETB";
  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isObject()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "answer is not a JSON object");
    }
    if (root.has("success") && !root.path("success").asBoolean()) {
      throw new AnswerRejectedException(
          ReasonCode.PROVIDER_ERROR, "provider error: " + JsonBodies.text(root, "message"));
    }
    JsonNode data = root.path("data");
    if (!data.isArray()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "no 'data' array");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    int index = 0;
    for (JsonNode rate : data) {
      String date = JsonBodies.text(rate, "date");
      String code = JsonBodies.text(rate.path("currency"), "code");
      if (date == null || code == null) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "rate " + index + " has no date or currency code");
      }
      LocalDate day = JsonBodies.isoDate(date, "rate " + index + " date");
      RateTexts.put(
          byDay.computeIfAbsent(day, d -> new LinkedHashMap<>()),
          day.toString(),
          code,
          HomeQuotes.homeToForeign(mid(rate), null));
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((day, rates) -> days.add(new ProviderDay(day, BASE, rates)));
    return days;
  }

  /** (buying + selling) / 2, exact; else weighted_average as sent. */
  static String mid(JsonNode rate) {
    String buying = JsonBodies.decimalText(rate.get("buying"));
    String selling = JsonBodies.decimalText(rate.get("selling"));
    try {
      if (buying != null && selling != null) {
        return new BigDecimal(buying).add(new BigDecimal(selling)).divide(TWO).toPlainString();
      }
    } catch (NumberFormatException notDecimals) {
      // the weighted average may still be one
    }
    return JsonBodies.decimalText(rate.get("weighted_average"));
  }
}
