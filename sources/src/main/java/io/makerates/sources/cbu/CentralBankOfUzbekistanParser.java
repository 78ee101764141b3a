package io.makerates.sources.cbu;

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
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Central Bank of Uzbekistan ({@code cbu}) answers of {@code /arkhiv-kursov-valyut/json/all/…/}: a
 * JSON array, {@code [{"Ccy":"USD","Nominal":"1","Rate":"12194.21","Date":"01.04.2026",…},…]},
 * every value a string. {@code Rate} is UZS per {@code Nominal} units (10 for IDR, IRR and VND), so
 * each becomes UZS→X = Nominal / Rate. Rates have two decimals: IRR ({@code "0.09"} per 10) carries
 * one significant digit, which validation and the consensus have to live with.
 *
 * <p>{@code Date} is the day a rate applies; CBU sets it the business day before (against the ECB
 * of that day within about 8 basis points, of the day it applies about 90). A list is filed under
 * that setting day, as CBR's are: the weekday before {@code Date}, a weekend's under Thursday. An
 * Uzbek holiday between them is not known here, so a list after one is filed a business day late.
 */
public final class CentralBankOfUzbekistanParser implements AnswerParser {

  public static final String BASE = "UZS";
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
      String applies = rate.isObject() ? text(rate, "Date") : null;
      if (applies == null) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "rate " + index + " has no 'Date'");
      }
      LocalDate setting = settingDay(date(applies, index));
      String code = text(rate, "Ccy");
      String value = decimalText(rate.get("Rate"));
      RateTexts.put(
          byDay.computeIfAbsent(setting, d -> new LinkedHashMap<>()),
          setting.toString(),
          code == null ? "" : code,
          value == null ? null : HomeQuotes.homeToForeign(value, decimalText(rate.get("Nominal"))));
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((day, values) -> days.add(new ProviderDay(day, BASE, values)));
    return days;
  }

  private static LocalDate date(String text, int index) throws AnswerRejectedException {
    try {
      return LocalDate.parse(text, DATE);
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, "rate " + index + " Date '" + text + "' is not like 01.04.2026");
    }
  }

  /** The weekday before the business day a list applies (a weekend's is Friday's). */
  static LocalDate settingDay(LocalDate applies) {
    return weekdayOnOrBefore(weekdayOnOrBefore(applies).minusDays(1));
  }

  /** The first weekday after {@code setting}: the day its list applies. */
  static LocalDate appliesDay(LocalDate setting) {
    LocalDate day = setting.plusDays(1);
    while (weekend(day)) {
      day = day.plusDays(1);
    }
    return day;
  }

  private static LocalDate weekdayOnOrBefore(LocalDate day) {
    LocalDate weekday = day;
    while (weekend(weekday)) {
      weekday = weekday.minusDays(1);
    }
    return weekday;
  }

  private static boolean weekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
