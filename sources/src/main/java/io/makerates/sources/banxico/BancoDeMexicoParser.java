package io.makerates.sources.banxico;

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
 * Banco de México ({@code banxico}) answers of the SIE API's {@code /series/{ids}/datos/…}: {@code
 * {"bmx":{"series":[{"idSerie":"SF43718","titulo":"…","datos":[{"fecha":"02/03/2026",
 * "dato":"17.3485"},…]},…]}}}, the series in an order of the API's choosing. Each value is MXN per
 * unit, so a day holds MXN→X = 1 / dato; {@code "N/E"} (no value that day) is left out. A series
 * this parser does not know is passed on under its own id, for validation to reject as no ISO code
 * rather than to vanish. Days are {@code fecha} (dd/MM/yyyy): the FIX is dated by the day it is
 * determined, and the other currencies are quoted from it on the same day.
 */
public final class BancoDeMexicoParser implements AnswerParser {

  public static final String BASE = "MXN";

  /**
   * The FIX (pesos per dollar, determined at noon) and the peso quotes of the other SDR-basket
   * currencies.
   */
  public static final Map<String, String> SERIES =
      Map.of(
          "SF43718", "USD",
          "SF46410", "EUR",
          "SF46407", "GBP",
          "SF46406", "JPY",
          "SF60632", "CAD");

  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  static final String NO_VALUE = "N/E";

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    JsonNode error = root.path("error");
    if (error.isObject()) {
      throw new AnswerRejectedException(
          ReasonCode.PROVIDER_ERROR,
          "provider error: " + text(error, "mensaje") + " (" + text(error, "detalle") + ")");
    }
    JsonNode series = root.path("bmx").path("series");
    if (!series.isArray()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "no 'bmx.series' array");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    for (JsonNode one : series) {
      String id = text(one, "idSerie");
      JsonNode data = one.path("datos");
      if (id == null) {
        throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "a series without idSerie");
      }
      String currency = SERIES.getOrDefault(id, id);
      for (JsonNode datum : data) {
        LocalDate date = date(text(datum, "fecha"), id);
        String value = text(datum, "dato");
        if (NO_VALUE.equals(value)) {
          continue;
        }
        // SIE writes thousands with a comma ("1,234.5600"); none of these series reaches them yet
        RateTexts.put(
            byDay.computeIfAbsent(date, d -> new LinkedHashMap<>()),
            date.toString(),
            currency,
            value == null ? null : HomeQuotes.homeToForeign(value.replace(",", ""), null));
      }
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, rates) -> days.add(new ProviderDay(date, BASE, rates)));
    return days;
  }

  static LocalDate date(String text, String series) throws AnswerRejectedException {
    try {
      return LocalDate.parse(text == null ? "" : text.strip(), DATE);
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, "series " + series + " date '" + text + "' is not dd/MM/yyyy");
    }
  }
}
