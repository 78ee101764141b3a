package io.makerates.sources.hnb;

import static io.makerates.sources.JsonBodies.isoDate;
import static io.makerates.sources.JsonBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
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
 * Croatian National Bank ({@code hnb}) answers of the euro-era list {@code /tecajn-eur/v3}: a JSON
 * array of flat objects {@code {"broj_tecajnice":"1","datum_primjene":"2023-01-02","valuta":"USD",
 * "kupovni_tecaj":"1,068200","srednji_tecaj":"1,066600","prodajni_tecaj":"1,065000",…}}, numbers as
 * strings with a decimal comma. {@code srednji_tecaj} is units of the currency per 1 EUR, which is
 * already EUR→X. (In that direction the buying rate is above the selling rate.)
 *
 * <p>{@code datum_primjene} is the day a list applies; its middle rates are the ECB reference rates
 * of the TARGET day before (the list applied on Monday 2 January 2023 holds the ECB's 30 December
 * 2022). So a list is filed under the weekday before it applies, the day the ECB published those
 * rates, and the weekend lists, copies of Friday's, fall on that Friday too. After a TARGET holiday
 * (when the ECB publishes nothing) the copied list is filed under the holiday.
 *
 * <p>The kuna-era list ({@code /tecajn/v2}, HRK per {@code jedinica} units, up to 31 December 2022)
 * has no {@code datum_primjene} and is refused.
 */
public final class CroatianNationalBankParser implements AnswerParser {

  public static final String BASE = "EUR";

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
      String applies = text(row, "datum_primjene");
      if (!row.isObject() || applies == null) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT,
            "row " + index + " has no 'datum_primjene' (a kuna-era v2 list?)");
      }
      LocalDate date = ecbDay(isoDate(applies, "row " + index + " datum_primjene"));
      String code = text(row, "valuta");
      String middle = text(row, "srednji_tecaj");
      RateTexts.put(
          byDay.computeIfAbsent(date, d -> new LinkedHashMap<>()),
          date.toString(),
          code == null ? "" : code,
          middle == null ? null : middle.replace(',', '.'));
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, rates) -> days.add(new ProviderDay(date, BASE, rates)));
    return days;
  }

  /** The weekday before {@code applies}: the ECB day whose rates the list carries. */
  static LocalDate ecbDay(LocalDate applies) {
    LocalDate day = applies.minusDays(1);
    while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      day = day.minusDays(1);
    }
    return day;
  }
}
