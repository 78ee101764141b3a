package io.makerates.sources.boe;

import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.ProviderDay;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bank of England ({@code boe}) answers of the Statistical Interactive Database CSV export: CRLF
 * lines, a header {@code DATE,XUDLUSS,XUDLERS,…} naming each column by series code only, then one
 * row per day ({@code 17 Mar 2026}). A value is units of the currency per one GBP (XUDLUSS 1.3343
 * is USD per GBP), so it is GBP→X as sent. A series code this parser does not know is passed on
 * under its own name, for validation to reject as no ISO code rather than to vanish; an empty cell
 * is a day the series was not published.
 */
public final class BankOfEnglandParser implements AnswerParser {

  public static final String BASE = "GBP";
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  /** The spot series of each currency against sterling (daily, mid-market, around 4 pm London). */
  public static final Map<String, String> SERIES =
      Map.ofEntries(
          Map.entry("XUDLUSS", "USD"),
          Map.entry("XUDLERS", "EUR"),
          Map.entry("XUDLJYS", "JPY"),
          Map.entry("XUDLCDS", "CAD"),
          Map.entry("XUDLSFS", "CHF"),
          Map.entry("XUDLADS", "AUD"),
          Map.entry("XUDLNDS", "NZD"),
          Map.entry("XUDLNKS", "NOK"),
          Map.entry("XUDLSKS", "SEK"),
          Map.entry("XUDLDKS", "DKK"),
          Map.entry("XUDLHDS", "HKD"),
          Map.entry("XUDLSGS", "SGD"),
          Map.entry("XUDLSRS", "SAR"),
          Map.entry("XUDLZRS", "ZAR"),
          Map.entry("XUDLTWS", "TWD"),
          Map.entry("XUDLBK25", "CZK"),
          Map.entry("XUDLBK33", "HUF"),
          Map.entry("XUDLBK47", "PLN"),
          Map.entry("XUDLBK78", "ILS"),
          Map.entry("XUDLBK83", "MYR"),
          Map.entry("XUDLBK87", "THB"),
          Map.entry("XUDLBK89", "CNY"),
          Map.entry("XUDLBK93", "KRW"),
          Map.entry("XUDLBK95", "TRY"),
          Map.entry("XUDLBK97", "INR"),
          Map.entry("XUDLZOS4", "RON"));

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    String text = new String(body, StandardCharsets.UTF_8);
    String[] lines = text.split("\r?\n");
    if (lines.length == 0 || !lines[0].startsWith("DATE,")) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT,
          "no 'DATE,<series>' header: not a Bank of England CSV export (an HTML page?)");
    }
    String[] series = lines[0].split(",", -1);
    List<ProviderDay> days = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] cells = lines[i].split(",", -1);
      if (cells.length != series.length) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT,
            "line "
                + (i + 1)
                + " has "
                + cells.length
                + " cells where the header names "
                + series.length);
      }
      LocalDate date;
      try {
        date = LocalDate.parse(cells[0].strip(), DATE);
      } catch (DateTimeParseException e) {
        throw new AnswerRejectedException(
            ReasonCode.UNPARSEABLE,
            "line " + (i + 1) + " date '" + cells[0] + "' is not like 17 Mar 2026");
      }
      Map<String, String> rates = new LinkedHashMap<>();
      for (int c = 1; c < series.length; c++) {
        String value = cells[c].strip();
        if (!value.isEmpty()) {
          rates.put(SERIES.getOrDefault(series[c].strip(), series[c].strip()), value);
        }
      }
      days.add(new ProviderDay(date, BASE, rates));
    }
    return days;
  }
}
