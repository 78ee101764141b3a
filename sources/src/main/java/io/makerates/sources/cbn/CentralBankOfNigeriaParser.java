package io.makerates.sources.cbn;

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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Central Bank of Nigeria ({@code cbn}) answers of {@code /api/GetAllExchangeRates}: a JSON array,
 * newest first, of {@code {"id":61881,"currency":"EURO","ratedate":"2026-05-21","buyingrate":
 * "1589.6201","centralrate":"1590.1997","sellingrate":"1590.7793"}}, named by label, not code.
 * {@code centralrate}, the mid, is NGN per unit, so it becomes NGN→X = 1 / centralrate. Labels are
 * read without case or stray whitespace, with their known variants ({@code YEN} and {@code JAPANESE
 * YEN}); CFA is the West African franc XOF and SDR is XDR. WAUA, the West African Unit of Account,
 * is no currency and is left out; any other label is passed on as it is, for validation to reject.
 */
public final class CentralBankOfNigeriaParser implements AnswerParser {

  public static final String BASE = "NGN";

  static final Map<String, String> CODES =
      Map.ofEntries(
          Map.entry("US DOLLAR", "USD"),
          Map.entry("POUNDS STERLING", "GBP"),
          Map.entry("POUND STERLING", "GBP"),
          Map.entry("EURO", "EUR"),
          Map.entry("SWISS FRANC", "CHF"),
          Map.entry("YEN", "JPY"),
          Map.entry("JAPANESE YEN", "JPY"),
          Map.entry("YUAN/RENMINBI", "CNY"),
          Map.entry("DANISH KRONA", "DKK"),
          Map.entry("RIYAL", "SAR"),
          Map.entry("UAE DIRHAM", "AED"),
          Map.entry("SOUTH AFRICAN RAND", "ZAR"),
          Map.entry("CFA", "XOF"),
          Map.entry("SDR", "XDR"));

  /** Published by CBN but no currency. */
  static final String UNIT_OF_ACCOUNT = "WAUA";

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isArray()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "not a JSON array of rates");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    int index = 0;
    for (JsonNode rate : root) {
      String date = JsonBodies.text(rate, "ratedate");
      String label = JsonBodies.text(rate, "currency");
      if (!rate.isObject() || date == null || label == null) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "rate " + index + " has no ratedate or currency");
      }
      LocalDate day = JsonBodies.isoDate(date, "rate " + index + " ratedate");
      String name = label.replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
      if (!UNIT_OF_ACCOUNT.equals(name)) {
        String value = JsonBodies.decimalText(rate.get("centralrate"));
        RateTexts.put(
            byDay.computeIfAbsent(day, d -> new LinkedHashMap<>()),
            day.toString(),
            CODES.getOrDefault(name, name),
            HomeQuotes.homeToForeign(value, null));
      }
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((day, rates) -> days.add(new ProviderDay(day, BASE, rates)));
    return days;
  }
}
