package io.makerates.sources.banxico;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Banxico's SIE API played offline: {@code /series/{ids}/datos/{from}/{to}} gives each asked series
 * over the window (business days only), {@code /series/{ids}/datos/oportuno} each one's newest
 * value; the series in the order the SIE sends them (not the request's), MXN per unit with 4
 * decimals, dates dd/MM/yyyy, JSON on one line with the series' Spanish titles. The token header is
 * not looked at offline.
 */
final class BancoDeMexicoSamples implements SampleAnswers {

  /** The answer's series order: FIX, yen, euro, Canadian dollar, pound. */
  static final List<String> CURRENCIES = List.of("USD", "JPY", "EUR", "CAD", "GBP");

  private static final Map<String, String> IDS =
      Map.of(
          "USD", "SF43718", "JPY", "SF46406", "EUR", "SF46410", "CAD", "SF60632", "GBP", "SF46407");
  private static final String BASKET =
      "Cotización de las divisas que conforman la canasta del DEG Respecto al peso mexicano ";
  private static final Map<String, String> TITLES =
      Map.of(
          "USD",
          "Tipo de cambio"
              + " ".repeat(42)
              + "Pesos por dólar E.U.A. Tipo de cambio para solventar"
              + " obligaciones denominadas en moneda extranjera Fecha de determinación (FIX)",
          "JPY",
          BASKET + "Yen japonés",
          "EUR",
          BASKET + "Euro",
          "CAD",
          "Cotización de la divisa Respecto al peso mexicano Dólar Canadiense",
          "GBP",
          BASKET + "Libra esterlina");
  private static final Pattern PATH =
      Pattern.compile(
          "/series/([A-Z0-9,]+)/datos(?:/oportuno|/(\\d{4}-\\d{2}-\\d{2})/(\\d{4}-\\d{2}-\\d{2}))");

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return BancoDeMexicoSource.BASE;
  }

  /** New Year, Labour Day, Independence, All Souls', Guadalupe and Christmas (bank holidays). */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(5, 1),
        MonthDay.of(9, 16),
        MonthDay.of(11, 2),
        MonthDay.of(12, 12),
        MonthDay.of(12, 25));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    Matcher m = PATH.matcher(request.path());
    if (!m.matches()) {
      return Optional.empty();
    }
    List<String> asked = List.of(m.group(1).split(","));
    List<LocalDate> days =
        m.group(2) == null
            ? List.of(market.latest())
            : market.days(LocalDate.parse(m.group(2)), LocalDate.parse(m.group(3)));
    StringBuilder json = new StringBuilder("{\"bmx\":{\"series\":[");
    List<String> series = new ArrayList<>();
    for (String currency : CURRENCIES) {
      if (asked.contains(IDS.get(currency)) && market.quotes(currency)) {
        series.add(series(currency, days, market));
      }
    }
    json.append(String.join(",", series)).append("]}}");
    return Optional.of(OfflineReply.ok("application/json;charset=UTF-8", json.toString()));
  }

  private static String series(String currency, List<LocalDate> days, OfflineMarket market) {
    StringBuilder json =
        new StringBuilder("{\"idSerie\":\"")
            .append(IDS.get(currency))
            .append("\",\"titulo\":\"")
            .append(TITLES.get(currency))
            .append("\",\"datos\":[");
    for (int i = 0; i < days.size(); i++) {
      LocalDate day = days.get(i);
      json.append(i == 0 ? "" : ",")
          .append("{\"fecha\":\"")
          .append(BancoDeMexicoParser.DATE.format(day))
          .append("\",\"dato\":\"")
          .append(market.homePer(day, currency).setScale(4, RoundingMode.HALF_UP).toPlainString())
          .append("\"}");
    }
    return json.append("]}").toString();
  }
}
