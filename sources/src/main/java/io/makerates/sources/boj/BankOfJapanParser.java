package io.makerates.sources.boj;

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
 * Bank of Japan ({@code boj}) answers of the Time-Series Data Search API {@code getDataCode}:
 * {@code {"STATUS":200,…,"RESULTSET":[{"SERIES_CODE":"FXERD04","VALUES":{"SURVEY_DATES":[20260302,
 * …],"VALUES":[156.99,…]}},…]}}, every calendar day listed, {@code null} where nothing was
 * published (weekends, holidays, days not yet out). FXERD04 is yen per US dollar and FXERD34 US
 * dollars per euro, both at 17:00 Tokyo: so the day is USD-based, USD→JPY as sent and USD→EUR = 1 /
 * FXERD34. A day with no value at all is left out; a {@code STATUS} other than 200 is the
 * provider's error.
 */
public final class BankOfJapanParser implements AnswerParser {

  public static final String BASE = "USD";
  static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isObject() || !root.has("STATUS")) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "no STATUS: not a BoJ answer");
    }
    if (root.path("STATUS").asInt() != 200) {
      throw new AnswerRejectedException(
          ReasonCode.PROVIDER_ERROR,
          "provider error "
              + root.path("MESSAGEID").asText()
              + ": "
              + root.path("MESSAGE").asText());
    }
    JsonNode series = root.path("RESULTSET");
    if (!series.isArray()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "RESULTSET is not an array");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    for (JsonNode one : series) {
      String code = one.path("SERIES_CODE").asText();
      JsonNode dates = one.path("VALUES").path("SURVEY_DATES");
      JsonNode values = one.path("VALUES").path("VALUES");
      if (!dates.isArray() || !values.isArray() || dates.size() != values.size()) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, code + ": SURVEY_DATES and VALUES do not pair up");
      }
      for (int i = 0; i < dates.size(); i++) {
        if (values.get(i).isNull()) {
          continue; // not a fixing day, or not yet published
        }
        LocalDate date = date(dates.get(i).asText(), code);
        String value = JsonBodies.decimalText(values.get(i));
        Map<String, String> rates = byDay.computeIfAbsent(date, d -> new LinkedHashMap<>());
        switch (code) {
          case "FXERD04" -> RateTexts.put(rates, date.toString(), "JPY", value);
          case "FXERD34" ->
              RateTexts.put(rates, date.toString(), "EUR", HomeQuotes.homeToForeign(value, null));
          default -> RateTexts.put(rates, date.toString(), code, value); // for validation to refuse
        }
      }
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, rates) -> days.add(new ProviderDay(date, BASE, rates)));
    return days;
  }

  private static LocalDate date(String text, String code) throws AnswerRejectedException {
    try {
      return LocalDate.parse(text, DATE);
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, code + ": survey date '" + text + "' is not like 20260302");
    }
  }
}
