package io.makerates.sources.cnb;

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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Czech National Bank ({@code cnb}) answers of {@code /cnbapi/exrates/daily} and {@code
 * /daily-year}: {@code
 * {"rates":[{"currencyCode":"EUR","amount":1,"validFor":"2026-01-02","rate":24.170},…]}}, one entry
 * per currency and fixing day. {@code rate} is CZK per {@code amount} units (100 for JPY, 1000 for
 * IDR), so each becomes CZK→X = amount / rate ({@link HomeQuotes}). The raw numbers keep trailing
 * zeros, read as decimals. A year without a fixing yet answers {@code {"rates":[]}}: no days, not
 * an error of the provider. Errors come as {@code {"description":"…","errorCode":"…"}}.
 */
public final class CzechNationalBankParser implements AnswerParser {

  public static final String BASE = "CZK";

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isObject()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "answer is not a JSON object");
    }
    JsonNode rates = root.get("rates");
    if (rates == null) {
      String error = text(root, "errorCode");
      if (error != null) {
        throw new AnswerRejectedException(
            ReasonCode.PROVIDER_ERROR,
            "provider error " + error + ": " + text(root, "description"));
      }
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "no 'rates' in the answer");
    }
    if (!rates.isArray()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "'rates' is not an array");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    int index = 0;
    for (JsonNode rate : rates) {
      String validFor = text(rate, "validFor");
      if (!rate.isObject() || validFor == null) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "rate " + index + " has no 'validFor' date");
      }
      LocalDate date = isoDate(validFor, "rate " + index + " validFor");
      String code = text(rate, "currencyCode");
      String value = decimalText(rate.get("rate"));
      String converted =
          value == null ? null : HomeQuotes.homeToForeign(value, decimalText(rate.get("amount")));
      RateTexts.put(
          byDay.computeIfAbsent(date, d -> new LinkedHashMap<>()),
          date.toString(),
          code == null ? "" : code,
          converted);
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, values) -> days.add(new ProviderDay(date, BASE, values)));
    return days;
  }
}
