package io.makerates.sources.bnm;

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
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bank Negara Malaysia ({@code bnm}) answers of {@code /public/exchange-rate}: {@code
 * {"data":[{"currency_code":"USD","unit":1,"rate":{"date":"2026-03-19","buying_rate":…,
 * "middle_rate":3.9…}},…],"meta":{"quote":"rm","session":"0900",…}}} for the latest session of
 * every currency, or {@code {"data":{"currency_code":"JPY","unit":100,"rate":[{…},…]}}} for one
 * currency's month. {@code middle_rate} is MYR per {@code unit} units (100 for JPY, IDR, THB…), so
 * each becomes MYR→X = unit / middle. SDR is sent under the non-ISO code {@code SDR} and read as
 * XDR.
 *
 * <p>The numbers are binary doubles written out in full ({@code 4.2199999999999998} for 4.22). A
 * double holds 15 significant decimal digits faithfully, so a number sent with more is rounded to
 * 15 in decimal arithmetic, which gives back the 4-decimal figure BNM published.
 */
public final class BankNegaraMalaysiaParser implements AnswerParser {

  public static final String BASE = "MYR";
  private static final MathContext DOUBLE_DIGITS = new MathContext(15);

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    JsonNode data = root.path("data");
    if (!root.isObject() || !(data.isArray() || data.isObject())) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "no 'data' in the answer");
    }
    String quote = text(root.path("meta"), "quote");
    if (quote != null && !"rm".equals(quote)) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "quoted as '" + quote + "', not in ringgit ('rm')");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    for (JsonNode currency : data.isArray() ? data : List.of(data)) {
      String code = text(currency, "currency_code");
      code = "SDR".equals(code) ? "XDR" : code;
      String unit = decimalText(currency.get("unit"));
      JsonNode rate = currency.path("rate");
      for (JsonNode day : rate.isArray() ? rate : List.of(rate)) {
        String date = text(day, "date");
        if (date == null) {
          throw new AnswerRejectedException(
              ReasonCode.UNKNOWN_FORMAT, "a rate of " + code + " without its date");
        }
        LocalDate on = isoDate(date, code + " date");
        String middle = withoutFloatNoise(decimalText(day.get("middle_rate")));
        RateTexts.put(
            byDay.computeIfAbsent(on, d -> new LinkedHashMap<>()),
            date,
            code == null ? "" : code,
            middle == null ? null : HomeQuotes.homeToForeign(middle, unit));
      }
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, rates) -> days.add(new ProviderDay(date, BASE, rates)));
    return days;
  }

  /** The decimal a double was meant to say, when more digits were written than it holds. */
  static String withoutFloatNoise(String text) {
    if (text == null) {
      return null;
    }
    try {
      BigDecimal value = new BigDecimal(text);
      return value.precision() <= DOUBLE_DIGITS.getPrecision()
          ? text
          : value.round(DOUBLE_DIGITS).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException notADecimal) {
      return text;
    }
  }
}
