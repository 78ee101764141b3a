package io.makerates.sources.tcmb;

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
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Central Bank of the Republic of Türkiye ({@code tcmb}) answers of the EVDS3 data service: {@code
 * {"totalCount":22,"items":[{"Tarih":"02-03-2026","TP_DK_USD_A_YTL":"43.80000000",
 * "TP_DK_USD_S_YTL":"43.87890000",…,"UNIXTIME":{…}}]}}, one item per calendar day. {@code
 * TP_DK_<X>_A_YTL} is the indicative forex buying rate and {@code _S_YTL} the selling rate, TRY per
 * unit of X, as 8-decimal strings; JPY is per 100 yen with nothing in the answer saying so. The
 * value kept is the mid of the two, exact in decimals, turned into TRY→X = units / mid.
 *
 * <p>Weekends and holidays are items whose values are all {@code null}: no day. A currency with
 * only one of its two sides is given as null, for validation to reject. {@code Tarih} is the day
 * the rates apply; TCMB announces them at 15:30 Istanbul time the business day before, and they sit
 * nearer the ECB of that day (about 18 bp) than of {@code Tarih} (48 bp). So, like CBR's, the rates
 * are filed under the weekday before {@code Tarih}: a Turkish holiday in between files them late.
 */
public final class CentralBankOfTurkeyParser implements AnswerParser {

  public static final String BASE = "TRY";

  /** The series the answer names by code with {@code .} as {@code _}: currency and side. */
  static final Pattern SERIES = Pattern.compile("TP_DK_([A-Z]{3})_([AS])_YTL");

  private static final Map<String, String> UNITS = Map.of("JPY", "100");
  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  private static final DateTimeFormatter TARIH = DateTimeFormatter.ofPattern("dd-MM-yyyy");

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    JsonNode items = root.path("items");
    if (!root.isObject() || !items.isArray()) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "not an EVDS answer: no 'items' array");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    int index = 0;
    for (JsonNode item : items) {
      LocalDate date = settingDay(tarih(text(item, "Tarih"), index));
      Map<String, String[]> sides = new TreeMap<>();
      for (Map.Entry<String, JsonNode> field : item.properties()) {
        Matcher m = SERIES.matcher(field.getKey());
        if (m.matches() && !field.getValue().isNull()) {
          String[] pair = sides.computeIfAbsent(m.group(1), code -> new String[2]);
          pair["A".equals(m.group(2)) ? 0 : 1] = decimalText(field.getValue());
        }
      }
      if (!sides.isEmpty()) {
        Map<String, String> rates = byDay.computeIfAbsent(date, d -> new TreeMap<>());
        for (Map.Entry<String, String[]> side : sides.entrySet()) {
          String code = side.getKey();
          RateTexts.put(rates, date.toString(), code, rate(side.getValue(), UNITS.get(code)));
        }
      }
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, rates) -> days.add(new ProviderDay(date, BASE, rates)));
    return days;
  }

  /** The weekday before {@code applies}: the day its rates were announced. */
  static LocalDate settingDay(LocalDate applies) {
    LocalDate day = applies.minusDays(1);
    while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      day = day.minusDays(1);
    }
    return day;
  }

  static LocalDate tarih(String text, int index) throws AnswerRejectedException {
    if (text == null) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "item " + index + " has no 'Tarih' date");
    }
    try {
      return LocalDate.parse(text, TARIH);
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, "item " + index + " Tarih '" + text + "' is not like 02-03-2026");
    }
  }

  /** TRY→X from buying and selling TRY per {@code units}; null unless both are decimals. */
  private static String rate(String[] buyingSelling, String units) {
    if (buyingSelling[0] == null || buyingSelling[1] == null) {
      return null;
    }
    try {
      BigDecimal mid =
          new BigDecimal(buyingSelling[0]).add(new BigDecimal(buyingSelling[1])).divide(TWO);
      return HomeQuotes.homeToForeign(mid.toPlainString(), units);
    } catch (NumberFormatException | ArithmeticException notDecimals) {
      return null;
    }
  }
}
