package io.makerates.sources.sarb;

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
 * South African Reserve Bank ({@code sarb}) answers of {@code GetTimeseriesObservations}: a JSON
 * array, newest first, of {@code {"Period":"2026-03-27T00:00:00","Timeseries":"Rand per Euro",
 * "Value":19.7408,…}}, one series per answer. The body names no currency code, only the series
 * title, and the title alone tells the direction: "Rand per Euro" (and US Dollar, British Pound) is
 * ZAR per unit, so ZAR→X = 1 / value; "Japan: Yen per Rand" is units per ZAR, as sent. A title this
 * parser does not know is passed on as its currency, for validation to reject rather than to
 * vanish.
 */
public final class SouthAfricanReserveBankParser implements AnswerParser {

  public static final String BASE = "ZAR";

  /** The series quoted as rand per unit, by title. */
  static final Map<String, String> RAND_PER =
      Map.of("Rand per US Dollar", "USD", "Rand per British Pound", "GBP", "Rand per Euro", "EUR");

  /** The series quoted as units per rand, by the country in their title ("Japan: Yen per Rand"). */
  static final Map<String, String> PER_RAND =
      Map.of(
          "Japan", "JPY",
          "Switzerland", "CHF",
          "China", "CNY",
          "Botswana", "BWP",
          "Kenya", "KES",
          "Malawi", "MWK",
          "Zambia", "ZMW");

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isArray()) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "not a JSON array of observations");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    int index = 0;
    for (JsonNode observation : root) {
      String period = JsonBodies.text(observation, "Period");
      String title = JsonBodies.text(observation, "Timeseries");
      if (period == null || title == null) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "observation " + index + " has no Period or Timeseries");
      }
      LocalDate date =
          JsonBodies.isoDate(period.length() >= 10 ? period.substring(0, 10) : period, "Period");
      String value = JsonBodies.decimalText(observation.get("Value"));
      String currency = RAND_PER.get(title);
      String rate = currency == null ? value : HomeQuotes.homeToForeign(value, null);
      if (currency == null) {
        int colon = title.indexOf(':');
        currency =
            colon > 0 && title.endsWith(" per Rand")
                ? PER_RAND.getOrDefault(title.substring(0, colon), title)
                : title;
      }
      RateTexts.put(
          byDay.computeIfAbsent(date, d -> new LinkedHashMap<>()), date.toString(), currency, rate);
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, rates) -> days.add(new ProviderDay(date, BASE, rates)));
    return days;
  }
}
