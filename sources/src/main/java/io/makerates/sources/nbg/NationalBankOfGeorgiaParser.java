package io.makerates.sources.nbg;

import static io.makerates.sources.JsonBodies.decimalText;
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
 * National Bank of Georgia ({@code nbg}) answers of {@code
 * /gw/api/ct/monetarypolicy/currencies/?date=…}: {@code [{"date":"2026-02-28T00:00:00.000Z",
 * "currencies":[{"code":"JPY","quantity":100,"rateFormated":"1.7157","rate":1.7157,
 * "date":"2026-02-27T17:01:00.093Z","validFromDate":"2026-02-28T00:00:00.000Z",…},…]}]}. {@code
 * rate} is GEL per {@code quantity} units (10, 100, 1000, 10000 for IRR), so each becomes GEL→X =
 * quantity / rate.
 *
 * <p>The top-level {@code date} is the day the list became valid; each currency's {@code date} is
 * when NBG set it (17:01 of the business day before), from that day's market. A rate is filed under
 * the date of that setting time, the day it observes, as CBR's lists are: against the ECB of that
 * day it is near. The time's {@code Z} is as written; 17:01 is the same date in UTC and in Tbilisi
 * either way.
 */
public final class NationalBankOfGeorgiaParser implements AnswerParser {

  public static final String BASE = "GEL";

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isArray()) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "answer is not a JSON array of lists");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    int index = 0;
    for (JsonNode list : root) {
      JsonNode currencies = list.get("currencies");
      if (currencies == null || !currencies.isArray()) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "list " + index + " has no 'currencies' array");
      }
      for (JsonNode currency : currencies) {
        LocalDate set = settingDay(text(currency, "date"), index);
        String code = text(currency, "code");
        String rate = decimalText(currency.get("rate"));
        RateTexts.put(
            byDay.computeIfAbsent(set, d -> new LinkedHashMap<>()),
            set.toString(),
            code == null ? "" : code,
            rate == null
                ? null
                : HomeQuotes.homeToForeign(rate, decimalText(currency.get("quantity"))));
      }
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((day, values) -> days.add(new ProviderDay(day, BASE, values)));
    return days;
  }

  /** The date of a setting time {@code 2026-02-27T17:01:00.093Z}. */
  static LocalDate settingDay(String time, int list) throws AnswerRejectedException {
    if (time == null || time.length() < 10) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "a currency of list " + list + " has no setting 'date'");
    }
    return JsonBodies.isoDate(time.substring(0, 10), "list " + list + " setting date");
  }
}
