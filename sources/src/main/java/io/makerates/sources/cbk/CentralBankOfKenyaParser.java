package io.makerates.sources.cbk;

import com.fasterxml.jackson.databind.JsonNode;
import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.HomeQuotes;
import io.makerates.sources.JsonBodies;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.RateTexts;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Central Bank of Kenya ({@code cbk}) answers of the wpDataTables endpoint: {@code {"draw":1,
 * "recordsTotal":"11550",…,"data":[["05\/01\/2024","US DOLLAR","157.9012"],…]}} (served as
 * text/html), one row per currency and day, named by label, not code. A value is KES per unit
 * ({@code JPY (100)} per 100 yen), so it becomes KES→X = units / value; the four East African rows
 * ({@code KES / USHS} and the like) run the other way, units of X per KES, as sent. A label this
 * parser does not know is passed on under its own name, for validation to reject. A day listed
 * twice with the same values (28 November 2025) is one day.
 */
public final class CentralBankOfKenyaParser implements AnswerParser {

  public static final String BASE = "KES";
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  /** KES per one unit (or per 100 for the yen), by label. */
  static final Map<String, String> KES_PER =
      Map.ofEntries(
          Map.entry("US DOLLAR", "USD"),
          Map.entry("STG POUND", "GBP"),
          Map.entry("EURO", "EUR"),
          Map.entry("SA RAND", "ZAR"),
          Map.entry("AE DIRHAM", "AED"),
          Map.entry("CAN $", "CAD"),
          Map.entry("S FRANC", "CHF"),
          Map.entry("JPY (100)", "JPY"),
          Map.entry("SW KRONER", "SEK"),
          Map.entry("NOR KRONER", "NOK"),
          Map.entry("DAN KRONER", "DKK"),
          Map.entry("IND RUPEE", "INR"),
          Map.entry("HONGKONG DOLLAR", "HKD"),
          Map.entry("SINGAPORE DOLLAR", "SGD"),
          Map.entry("SAUDI RIYAL", "SAR"),
          Map.entry("CHINESE YUAN", "CNY"),
          Map.entry("AUSTRALIAN $", "AUD"));

  /** Units of the currency per one KES, by label. */
  static final Map<String, String> PER_KES =
      Map.of("KES / USHS", "UGX", "KES / TSHS", "TZS", "KES / RWF", "RWF", "KES / BIF", "BIF");

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    JsonNode data = root.path("data");
    if (!data.isArray()) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "no 'data' array: not a wpDataTables answer");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    int index = 0;
    for (JsonNode row : data) {
      if (!row.isArray() || row.size() < 3) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "row " + index + " is not [date, currency, value]");
      }
      LocalDate date = date(row.get(0).asText(), index);
      String label = row.get(1).asText().strip();
      String value = JsonBodies.decimalText(row.get(2));
      String currency;
      String rate;
      if (PER_KES.containsKey(label)) {
        currency = PER_KES.get(label);
        rate = value;
      } else {
        currency = KES_PER.getOrDefault(label, label);
        rate = HomeQuotes.homeToForeign(value, "JPY (100)".equals(label) ? "100" : null);
      }
      RateTexts.put(
          byDay.computeIfAbsent(date, d -> new LinkedHashMap<>()), date.toString(), currency, rate);
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, rates) -> days.add(new ProviderDay(date, BASE, rates)));
    return days;
  }

  private static LocalDate date(String text, int index) throws AnswerRejectedException {
    try {
      return LocalDate.parse(text.strip(), DATE);
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, "row " + index + " date '" + text + "' is not like 05/01/2024");
    }
  }
}
