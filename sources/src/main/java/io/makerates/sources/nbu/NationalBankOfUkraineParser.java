package io.makerates.sources.nbu;

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
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * National Bank of Ukraine ({@code nbu}) answers of {@code /NBU_Exchange/exchange_site?…&json}: a
 * JSON array with one object per currency and day, {@code
 * {"exchangedate":"06.03.2026","cc":"JPY","rate":2.7825,"units":10,"calcdate":"05.03.2026",…}}.
 * {@code rate} is UAH per {@code units} units (10 JPY, 100 HUF, 1000 IDR; the metals XAU, XAG, XPT
 * and XPD per troy ounce, as their ISO codes mean), so each becomes UAH→X = units / rate.
 *
 * <p>{@code exchangedate} is the day a rate applies, {@code calcdate} the business day NBU set it
 * from that day's market. A day is filed under {@code calcdate}, the day it observes, as CBR's
 * lists are: against the ECB of that day it is within a few basis points, against the ECB of the
 * day it applies often tens. A weekend's exchange dates repeat the Friday's list (the one set on
 * Thursday), so one calcdate comes several times with the same values and is kept once; the same
 * calcdate with other values contradicts itself and the answer is refused.
 */
public final class NationalBankOfUkraineParser implements AnswerParser {

  public static final String BASE = "UAH";
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isArray()) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "answer is not a JSON array of rates");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    int index = 0;
    for (JsonNode rate : root) {
      if (!rate.isObject()) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "entry " + index + " is not an object");
      }
      LocalDate date = date(text(rate, "calcdate"), index);
      String code = text(rate, "cc");
      String value = decimalText(rate.get("rate"));
      RateTexts.put(
          byDay.computeIfAbsent(date, d -> new LinkedHashMap<>()),
          date.toString(),
          code == null ? "" : code,
          value == null ? null : HomeQuotes.homeToForeign(value, decimalText(rate.get("units"))));
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, values) -> days.add(new ProviderDay(date, BASE, values)));
    return days;
  }

  private static LocalDate date(String text, int index) throws AnswerRejectedException {
    if (text == null) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "entry " + index + " has no 'calcdate'");
    }
    try {
      return LocalDate.parse(text, DATE);
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE,
          "entry " + index + " calcdate '" + text + "' is not like 05.03.2026");
    }
  }
}
