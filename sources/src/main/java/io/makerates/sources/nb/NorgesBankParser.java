package io.makerates.sources.nb;

import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.HomeQuotes;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.RateTexts;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Norges Bank ({@code nb}) answers of the SDMX data query {@code EXR/B..NOK.SP?format=csvdata}:
 * flat SDMX-CSV, one observation a line, grouped by series, under the header {@code
 * FREQ,BASE_CUR,QUOTE_CUR,TENOR,DECIMALS,CALCULATED,UNIT_MULT,COLLECTION,TIME_PERIOD,OBS_VALUE}.
 * {@code OBS_VALUE} is NOK per 10^{@code UNIT_MULT} units of {@code BASE_CUR} (per 100 for JPY,
 * SEK, DKK…), so each becomes NOK→X = 10^UNIT_MULT / value. {@code TWI} and {@code I44} are indices
 * of the krone, not currencies, and are left out; {@code XDR} is a rate and kept.
 */
public final class NorgesBankParser implements AnswerParser {

  public static final String BASE = "NOK";
  static final Set<String> INDICES = Set.of("TWI", "I44");

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    String text = new String(body, StandardCharsets.UTF_8).replace("\uFEFF", "");
    String[] lines = text.split("\r?\n");
    if (lines.length == 0 || lines[0].isBlank()) {
      throw new AnswerRejectedException(ReasonCode.UNPARSEABLE, "empty body");
    }
    List<String> header = Arrays.asList(lines[0].strip().split(",", -1));
    int base = header.indexOf("BASE_CUR");
    int multiplier = header.indexOf("UNIT_MULT");
    int period = header.indexOf("TIME_PERIOD");
    int value = header.indexOf("OBS_VALUE");
    if (base < 0 || multiplier < 0 || period < 0 || value < 0) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT,
          "not Norges Bank SDMX-CSV: the header lacks BASE_CUR, UNIT_MULT, TIME_PERIOD or"
              + " OBS_VALUE");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] cells = lines[i].split(",", -1);
      if (cells.length != header.size()) {
        throw new AnswerRejectedException(
            ReasonCode.UNPARSEABLE,
            "line " + (i + 1) + " has " + cells.length + " cells, not " + header.size());
      }
      String code = cells[base].strip();
      if (INDICES.contains(code)) {
        continue;
      }
      LocalDate date = date(cells[period].strip(), i + 1);
      RateTexts.put(
          byDay.computeIfAbsent(date, d -> new LinkedHashMap<>()),
          date.toString(),
          code,
          rate(cells[value].strip(), cells[multiplier].strip()));
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, rates) -> days.add(new ProviderDay(date, BASE, rates)));
    return days;
  }

  /**
   * NOK→X from NOK per 10^{@code unitMult} X; a value that is no decimal is left for validation.
   */
  private static String rate(String value, String unitMult) {
    if (value.isEmpty() || "NaN".equals(value)) {
      return null;
    }
    try {
      String units = BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(unitMult)).toPlainString();
      return HomeQuotes.homeToForeign(value, units);
    } catch (NumberFormatException badMultiplier) {
      return null;
    }
  }

  private static LocalDate date(String text, int line) throws AnswerRejectedException {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, "line " + line + " TIME_PERIOD '" + text + "' is not a day");
    }
  }
}
