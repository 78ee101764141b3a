package io.makerates.sources.rba;

import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.RateTexts;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reserve Bank of Australia ({@code rba}) answers of statistical table F11.1 ({@code
 * f11.1-data.csv}): UTF-8 with a BOM, a block of header lines (title, Title, Description, …, {@code
 * Units,USD,Index,CNY,…}, …, {@code Series ID,FXRUSD,…}), then one row per day ({@code
 * 03-Jan-2023,0.6828,…}) and many empty lines. A value is units of the currency per one AUD, so it
 * is AUD→X as sent. The currency of a column is its {@code Units} cell; the trade-weighted index
 * (unit {@code Index}) is no currency and is left out, and {@code SDR} is XDR. An empty cell is a
 * day the series was not published (AED and ZAR have been empty since October 2024).
 */
public final class ReserveBankOfAustraliaParser implements AnswerParser {

  public static final String BASE = "AUD";
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH);

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    String[] lines = text(body).split("\r?\n");
    String[] units = null;
    int first = -1;
    for (int i = 0; i < lines.length && first < 0; i++) {
      if (lines[i].startsWith("Units,")) {
        units = lines[i].split(",", -1);
      } else if (lines[i].startsWith("Series ID,")) {
        first = i + 1;
      }
    }
    if (units == null || first < 0) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT,
          "no 'Units' and 'Series ID' header lines: not an RBA statistical table (an HTML page?)");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    for (int i = first; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue; // the table ends with many empty lines
      }
      String[] cells = lines[i].split(",", -1);
      if (cells.length != units.length) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT,
            "line "
                + (i + 1)
                + " has "
                + cells.length
                + " cells where 'Units' names "
                + units.length);
      }
      LocalDate date = date(cells[0], i + 1);
      Map<String, String> rates = byDay.computeIfAbsent(date, d -> new LinkedHashMap<>());
      for (int c = 1; c < cells.length; c++) {
        String unit = units[c].strip();
        String value = cells[c].strip();
        if (!value.isEmpty() && !"Index".equals(unit)) {
          RateTexts.put(rates, date.toString(), "SDR".equals(unit) ? "XDR" : unit, value);
        }
      }
    }
    return byDay.entrySet().stream()
        .map(day -> new ProviderDay(day.getKey(), BASE, day.getValue()))
        .toList();
  }

  /** The body as text without its byte order mark. */
  static String text(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static LocalDate date(String text, int line) throws AnswerRejectedException {
    try {
      return LocalDate.parse(text.strip(), DATE);
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, "line " + line + " date '" + text + "' is not like 03-Jan-2023");
    }
  }
}
