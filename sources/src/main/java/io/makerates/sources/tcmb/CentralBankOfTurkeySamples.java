package io.makerates.sources.tcmb;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TCMB's EVDS3 data service played offline: {@code /series=S1-S2-…&startDate=dd-mm-yyyy&endDate=…
 * &type=json&frequency=1}, the parameters in the path. One item per calendar day of the window,
 * {@code Tarih} the day the rates apply, each asked series a field ({@code .} as {@code _}) with an
 * 8-decimal string, TRY per unit (per 100 yen), or {@code null} on weekends, holidays and days
 * whose rates were not yet announced; {@code UNIXTIME} is midnight Istanbul time in MongoDB's
 * extended JSON. The rates of an item are those announced the weekday before its {@code Tarih}, the
 * day the parser files them under. The key header is not looked at offline.
 */
final class CentralBankOfTurkeySamples implements SampleAnswers {

  private static final DateTimeFormatter TARIH = DateTimeFormatter.ofPattern("dd-MM-yyyy");
  private static final BigDecimal HALF_SPREAD = new BigDecimal("0.0009");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  @Override
  public List<String> currencies() {
    return CentralBankOfTurkeySource.CURRENCIES;
  }

  @Override
  public String home() {
    return CentralBankOfTurkeySource.BASE;
  }

  /** New Year, Sovereignty, Labour, Youth, Democracy, Victory and Republic Day. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(4, 23),
        MonthDay.of(5, 1),
        MonthDay.of(5, 19),
        MonthDay.of(7, 15),
        MonthDay.of(8, 30),
        MonthDay.of(10, 29));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!request.path().startsWith("/series=")) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    for (String pair : request.path().substring(1).split("&")) {
      int eq = pair.indexOf('=');
      params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
    }
    LocalDate start;
    LocalDate end;
    try {
      start = LocalDate.parse(params.getOrDefault("startDate", ""), TARIH);
      end = LocalDate.parse(params.getOrDefault("endDate", ""), TARIH);
    } catch (DateTimeParseException notDates) {
      return Optional.empty();
    }
    if (params.get("series") == null) {
      return Optional.empty();
    }
    List<String> series = List.of(params.get("series").split("-"));
    StringBuilder items = new StringBuilder();
    int count = 0;
    for (LocalDate tarih = start; !tarih.isAfter(end); tarih = tarih.plusDays(1)) {
      items.append(count++ == 0 ? "" : ",").append(item(tarih, series, market));
    }
    return Optional.of(
        OfflineReply.ok(
            "application/json", "{\"totalCount\":" + count + ",\"items\":[" + items + "]}"));
  }

  private String item(LocalDate tarih, List<String> series, OfflineMarket market) {
    LocalDate announced = CentralBankOfTurkeyParser.settingDay(tarih);
    boolean valued =
        tarih.getDayOfWeek() != DayOfWeek.SATURDAY
            && tarih.getDayOfWeek() != DayOfWeek.SUNDAY
            && !holidays().contains(MonthDay.from(tarih))
            && market.publishes(announced);
    StringBuilder item = new StringBuilder("{\"Tarih\":\"").append(TARIH.format(tarih)).append('"');
    for (String id : series) {
      String[] parts = id.split("\\.");
      String value = null;
      if (valued && parts.length == 5 && market.quotes(parts[2])) {
        value = side(market, announced, parts[2], "S".equals(parts[3]));
      }
      item.append(",\"")
          .append(id.replace('.', '_'))
          .append("\":")
          .append(value == null ? "null" : "\"" + value + "\"");
    }
    long midnight =
        tarih.toEpochSecond(
            LocalTime.MIDNIGHT,
            CentralBankOfTurkeySource.ZONE.getRules().getOffset(tarih.atStartOfDay()));
    return item.append(",\"UNIXTIME\":{\"$numberLong\":\"")
        .append(midnight)
        .append("\"}}")
        .toString();
  }

  /** TCMB's buying (or selling) rate, 4 decimals (5 below one lira), written with 8. */
  private static String side(
      OfflineMarket market, LocalDate day, String currency, boolean selling) {
    BigDecimal mid = market.homePer(day, currency);
    if (currency.equals("JPY")) {
      mid = mid.multiply(HUNDRED);
    }
    BigDecimal value =
        mid.multiply(
            selling ? BigDecimal.ONE.add(HALF_SPREAD) : BigDecimal.ONE.subtract(HALF_SPREAD));
    int scale = value.compareTo(BigDecimal.ONE) < 0 ? 5 : 4;
    return value.setScale(scale, RoundingMode.HALF_UP).setScale(8).toPlainString();
  }
}
