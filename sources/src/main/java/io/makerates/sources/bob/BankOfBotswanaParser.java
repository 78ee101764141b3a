package io.makerates.sources.bob;

import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.ProviderDay;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Bank of Botswana ({@code bob}) answers of the exchange-rate CSV export: UTF-8 with a BOM, the
 * header {@code Date,CHN,EUR,GBP,USD,SDR,YEN,ZAR}, then one row per day ({@code "19 Mar
 * 2026",0.5165,0.0653,…}), not in date order. A value is units of the currency per one BWP, so it
 * is BWP→X as sent; CHN is CNY, YEN is JPY and SDR is XDR, any other column passes under its own
 * name for validation to reject. {@code 0.0000} is a value not published (CNY before October 2016)
 * and is left out. A date listed twice with different values (three in the history, one 5% apart in
 * USD) cannot be told right from wrong: that day is left out, the rest of the history kept.
 */
public final class BankOfBotswanaParser implements AnswerParser {

  public static final String BASE = "BWP";
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
  static final Map<String, String> CODES = Map.of("CHN", "CNY", "YEN", "JPY", "SDR", "XDR");

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    String[] lines = text(body).split("\r?\n");
    if (lines.length == 0 || !lines[0].startsWith("Date,")) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT,
          "no 'Date,<currency>' header: not the BoB export (an HTML page?)");
    }
    String[] header = lines[0].split(",", -1);
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    Set<LocalDate> contradicted = new HashSet<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] cells = lines[i].split(",", -1);
      if (cells.length != header.length) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT,
            "line "
                + (i + 1)
                + " has "
                + cells.length
                + " cells where the header names "
                + header.length);
      }
      LocalDate date = date(cells[0], i + 1);
      Map<String, String> rates = new LinkedHashMap<>();
      for (int c = 1; c < cells.length; c++) {
        String value = cells[c].strip();
        if (!value.isEmpty() && !unpublished(value)) {
          String label = header[c].strip();
          rates.put(CODES.getOrDefault(label, label), value);
        }
      }
      Map<String, String> earlier = byDay.putIfAbsent(date, rates);
      if (earlier != null && !sameValues(earlier, rates)) {
        contradicted.add(date);
      }
    }
    contradicted.forEach(byDay::remove);
    return byDay.entrySet().stream()
        .map(day -> new ProviderDay(day.getKey(), BASE, day.getValue()))
        .toList();
  }

  /** The body as text without its byte order mark. */
  static String text(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static boolean unpublished(String value) {
    try {
      return new BigDecimal(value).signum() == 0;
    } catch (NumberFormatException notADecimal) {
      return false; // passed on, for validation to reject
    }
  }

  private static boolean sameValues(Map<String, String> a, Map<String, String> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<String, String> rate : a.entrySet()) {
      String other = b.get(rate.getKey());
      if (!Objects.equals(rate.getValue(), other)) {
        try {
          if (new BigDecimal(rate.getValue()).compareTo(new BigDecimal(other)) != 0) {
            return false;
          }
        } catch (NumberFormatException notDecimals) {
          return false;
        }
      }
    }
    return true;
  }

  private static LocalDate date(String cell, int line) throws AnswerRejectedException {
    String text = cell.strip().replace("\"", "");
    try {
      return LocalDate.parse(text, DATE);
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, "line " + line + " date '" + cell + "' is not like 19 Mar 2026");
    }
  }
}
