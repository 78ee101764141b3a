package io.makerates.sources.bcch;

import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The BDE web service's {@code GetSeries} played offline: one series over {@code firstdate}..{@code
 * lastdate}, pretty-printed JSON with CRLF. Each banking day of the window is an observation of CLP
 * per unit with 2 decimals, the rate of the banking day before (the observed dollar dated D comes
 * from D−1's trades, so the next banking day's is out once today's market has closed); days inside
 * the window without one are {@code "NaN"} with status {@code ND}, the edge days without one are
 * left out. The observed dollar is what the adapter asks; a currency's {@code F072.CLP.XXX.N.O.D}
 * series is answered the same way, a series the market has no rate for not at all (404). User and
 * password are not looked at offline.
 */
final class BancoCentralDeChileSamples implements SampleAnswers {

  /** The observed dollar, the one series the adapter asks. */
  static final List<String> CURRENCIES = List.of("USD");

  private static final String CRLF = "\r\n";

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return BancoCentralDeChileSource.BASE;
  }

  /**
   * Fixed-date Chilean holidays: New Year, Labour, Navy, Carmen, Assumption, Independence (two),
   * All Saints, Immaculate Conception and Christmas.
   */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(5, 1),
        MonthDay.of(5, 21),
        MonthDay.of(7, 16),
        MonthDay.of(8, 15),
        MonthDay.of(9, 18),
        MonthDay.of(9, 19),
        MonthDay.of(11, 1),
        MonthDay.of(12, 8),
        MonthDay.of(12, 25));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!request.path().isEmpty() && !request.path().equals("/")
        || !"GetSeries".equals(request.param("function"))) {
      return Optional.empty();
    }
    String seriesId = String.valueOf(request.param("timeseries"));
    String currency;
    LocalDate first;
    LocalDate last;
    try {
      currency = BancoCentralDeChileParser.currency(seriesId);
      first = LocalDate.parse(String.valueOf(request.param("firstdate")));
      last = LocalDate.parse(String.valueOf(request.param("lastdate")));
    } catch (AnswerRejectedException | DateTimeParseException notServed) {
      return Optional.empty();
    }
    if (!market.quotes(currency)) {
      return Optional.empty();
    }
    return Optional.of(
        OfflineReply.ok(
            "application/json; charset=UTF-8", series(seriesId, currency, first, last, market)));
  }

  private String series(
      String seriesId, String currency, LocalDate first, LocalDate last, OfflineMarket market) {
    List<LocalDate> dated = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      if (banking(day) && !tradedBefore(day).isAfter(market.today())) {
        dated.add(day);
      }
    }
    List<String> obs = new ArrayList<>();
    if (!dated.isEmpty()) {
      for (LocalDate day = dated.getFirst(); !day.isAfter(dated.getLast()); day = day.plusDays(1)) {
        boolean value = dated.contains(day);
        String text =
            value
                ? market
                    .homePer(tradedBefore(day), currency)
                    .setScale(2, RoundingMode.HALF_UP)
                    .toPlainString()
                : "NaN";
        obs.add(
            "      {"
                + CRLF
                + "        \"indexDateString\": \""
                + BancoCentralDeChileParser.DATE.format(day)
                + "\","
                + CRLF
                + "        \"value\": \""
                + text
                + "\","
                + CRLF
                + "        \"statusCode\": \""
                + (value ? "OK" : "ND")
                + "\""
                + CRLF
                + "      }");
      }
    }
    boolean dollar = BancoCentralDeChileParser.OBSERVED_DOLLAR.equals(seriesId);
    String esp =
        dollar
            ? "Tipo de cambio nominal (dólar observado $CLP/USD); tipo de cambio; ; precio;"
                + " diario; ; Banco Central de Chile; ; "
            : "Tipo de cambio nominal " + currency;
    String ing =
        dollar
            ? "Nominal exchange rate (Observed dollar $CLP/USD); exchange rate; ; price; daily;"
                + " ; central bank of chile; ; "
            : currency + " nominal exchange rate";
    return "{"
        + CRLF
        + "  \"Codigo\": 0,"
        + CRLF
        + "  \"Descripcion\": \"Success\","
        + CRLF
        + "  \"Series\": {"
        + CRLF
        + "    \"descripEsp\": \""
        + esp
        + "\","
        + CRLF
        + "    \"descripIng\": \""
        + ing
        + "\","
        + CRLF
        + "    \"seriesId\": \""
        + seriesId
        + "\","
        + CRLF
        + "    \"Obs\": ["
        + CRLF
        + String.join("," + CRLF, obs)
        + (obs.isEmpty() ? "" : CRLF)
        + "    ]"
        + CRLF
        + "  },"
        + CRLF
        + "  \"SeriesInfos\": []"
        + CRLF
        + "}";
  }

  /** A Chilean banking day: a weekday that is no holiday. */
  private boolean banking(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SATURDAY
        && day.getDayOfWeek() != DayOfWeek.SUNDAY
        && !holidays().contains(MonthDay.from(day));
  }

  /** The banking day before {@code dated}, whose trades its observed dollar comes from. */
  private LocalDate tradedBefore(LocalDate dated) {
    LocalDate day = dated.minusDays(1);
    while (!banking(day)) {
      day = day.minusDays(1);
    }
    return day;
  }
}
