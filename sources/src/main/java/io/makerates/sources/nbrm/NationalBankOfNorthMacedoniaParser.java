package io.makerates.sources.nbrm;

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
 * National Bank of the Republic of North Macedonia ({@code nbrm}) answers of {@code
 * /KLServiceNOV/GetExchangeRate?…&format=json}: a JSON array with one row per currency and list,
 * {@code {"rBr":98,"datum":"2026-05-30T00:00:00","oznaka":"EUR","nomin":1,"sreden":61.695,
 * "datum_f":"2026-05-28T00:00:00",…}} (plus the country and currency names in three languages).
 * {@code sreden} is MKD per {@code nomin} units, so each becomes MKD→X = nomin / sreden.
 *
 * <p>{@code datum} is the day a list applies (every calendar day has one: weekends and holidays
 * repeat the last list) and {@code datum_f} the day it was formed, from the ECB's reference rates
 * of that day. A list is filed under {@code datum_f}: the repeated lists then fall on the day they
 * were formed, as the same values, and the rates vote on the ECB day they copy.
 */
public final class NationalBankOfNorthMacedoniaParser implements AnswerParser {

  public static final String BASE = "MKD";

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isArray()) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "answer is not a JSON array of list rows");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    int index = 0;
    for (JsonNode row : root) {
      String formed = text(row, "datum_f");
      if (!row.isObject() || formed == null || formed.length() < 10) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "row " + index + " has no 'datum_f' formation day");
      }
      LocalDate date = isoDate(formed.substring(0, 10), "row " + index + " datum_f");
      String code = text(row, "oznaka");
      String middle = decimalText(row.get("sreden"));
      RateTexts.put(
          byDay.computeIfAbsent(date, d -> new LinkedHashMap<>()),
          date.toString(),
          code == null ? "" : code,
          middle == null ? null : HomeQuotes.homeToForeign(middle, decimalText(row.get("nomin"))));
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, rates) -> days.add(new ProviderDay(date, BASE, rates)));
    return days;
  }
}
