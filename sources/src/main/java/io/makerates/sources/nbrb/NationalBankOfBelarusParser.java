package io.makerates.sources.nbrb;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * National Bank of the Republic of Belarus ({@code nbrb}) answers of {@code
 * /exrates/rates?periodicity=0}: a JSON array of the day's list, {@code
 * [{"Cur_ID":440,"Date":"2026-03-17T00:00:00","Cur_Abbreviation":"AUD","Cur_Scale":1,
 * "Cur_OfficialRate":2.0700},…]}. {@code Cur_OfficialRate} is BYN per {@code Cur_Scale} units (10
 * CNY, 100 JPY and RUB, 1000 KZT, 100000 IRR and VND), so each becomes BYN→X = scale / rate. The
 * per-currency history ({@code /rates/dynamics/{id}}) names no code, only NBRB's own ids, and is
 * refused: it cannot be read without the list.
 *
 * <p>{@code Date} is the day a rate applies; NBRB sets it the business day before from that day's
 * market (against the ECB of that day within about 10 basis points, of the day it applies about
 * 60). A list is filed under that setting day, as CBR's are: the weekday before {@code Date}, a
 * weekend's list (Friday's repeated) under Thursday. A Belarusian holiday between them is not known
 * here, so a list after one is filed a business day late.
 */
public final class NationalBankOfBelarusParser implements AnswerParser {

  public static final String BASE = "BYN";

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
      String code = rate.isObject() ? text(rate, "Cur_Abbreviation") : null;
      String date = rate.isObject() ? text(rate, "Date") : null;
      if (code == null || date == null) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT,
            "rate " + index + " has no Cur_Abbreviation or Date (a per-currency history?)");
      }
      // "2026-03-17T00:00:00": the date part, without a zone
      LocalDate setting =
          settingDay(JsonBodies.isoDate(date.substring(0, Math.min(10, date.length())), "Date"));
      String value = decimalText(rate.get("Cur_OfficialRate"));
      RateTexts.put(
          byDay.computeIfAbsent(setting, d -> new LinkedHashMap<>()),
          setting.toString(),
          code,
          value == null
              ? null
              : HomeQuotes.homeToForeign(value, decimalText(rate.get("Cur_Scale"))));
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((day, values) -> days.add(new ProviderDay(day, BASE, values)));
    return days;
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
