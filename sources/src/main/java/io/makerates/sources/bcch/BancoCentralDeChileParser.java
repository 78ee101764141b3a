package io.makerates.sources.bcch;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Banco Central de Chile ({@code bcch}) answers of the BDE web service's {@code GetSeries}: {@code
 * {"Codigo":0,"Descripcion":"Success","Series":{"seriesId":"F073.TCO.PRE.Z.D","Obs":[
 * {"indexDateString":"02-03-2026","value":"871.41","statusCode":"OK"},…]}}}, one series per answer.
 * The series names its currency: {@code F073.TCO.PRE.Z.D} is the observed dollar, {@code
 * F072.CLP.XXX.N.O.D} currency XXX; any other series is refused. Values are CLP per unit, so a day
 * holds CLP→X = 1 / value; days without a value ({@code "NaN"}, status {@code ND}: weekends and
 * holidays) are left out.
 *
 * <p>The rate dated D is computed from the trades of the banking day before and published for D.
 * Like the other rates set on one day for the next, it is filed under that market day: the weekday
 * before D, stepping back over days the answer itself marks ND (a Chilean holiday).
 */
public final class BancoCentralDeChileParser implements AnswerParser {

  public static final String BASE = "CLP";
  static final String OBSERVED_DOLLAR = "F073.TCO.PRE.Z.D";
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
  private static final Pattern CURRENCY_SERIES =
      Pattern.compile("F072\\.CLP\\.([A-Z]{3})\\.N\\.O\\.D");

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isObject() || !root.has("Codigo")) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "answer is not a BDE object with a 'Codigo'");
    }
    if (root.path("Codigo").asInt(-1) != 0) {
      throw new AnswerRejectedException(
          ReasonCode.PROVIDER_ERROR,
          "provider error " + root.path("Codigo").asText() + ": " + text(root, "Descripcion"));
    }
    JsonNode series = root.path("Series");
    String currency = currency(text(series, "seriesId"));
    JsonNode observations = series.path("Obs");
    if (!observations.isArray()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "no 'Obs' array");
    }
    Map<LocalDate, String> values = new TreeMap<>();
    List<LocalDate> noData = new ArrayList<>();
    int index = 0;
    for (JsonNode observation : observations) {
      LocalDate date = date(text(observation, "indexDateString"), index++);
      if ("ND".equals(text(observation, "statusCode"))) {
        noData.add(date);
      } else {
        values.put(date, text(observation, "value"));
      }
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    for (Map.Entry<LocalDate, String> value : values.entrySet()) {
      LocalDate market = marketDay(value.getKey(), noData);
      String text = value.getValue();
      RateTexts.put(
          byDay.computeIfAbsent(market, d -> new LinkedHashMap<>()),
          market.toString(),
          currency,
          text == null ? null : HomeQuotes.homeToForeign(text, null));
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, rates) -> days.add(new ProviderDay(date, BASE, rates)));
    return days;
  }

  /** The banking day before {@code dated}: not a weekend, not a day marked ND. */
  static LocalDate marketDay(LocalDate dated, List<LocalDate> noData) {
    LocalDate day = dated.minusDays(1);
    while (day.getDayOfWeek() == DayOfWeek.SATURDAY
        || day.getDayOfWeek() == DayOfWeek.SUNDAY
        || noData.contains(day)) {
      day = day.minusDays(1);
    }
    return day;
  }

  static String currency(String seriesId) throws AnswerRejectedException {
    if (OBSERVED_DOLLAR.equals(seriesId)) {
      return "USD";
    }
    Matcher m = CURRENCY_SERIES.matcher(seriesId == null ? "" : seriesId);
    if (!m.matches()) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "series " + seriesId + " is no exchange rate series");
    }
    return m.group(1);
  }

  private static LocalDate date(String text, int index) throws AnswerRejectedException {
    try {
      return LocalDate.parse(text == null ? "" : text, DATE);
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE,
          "observation " + index + " date '" + text + "' is not dd-MM-yyyy");
    }
  }
}
