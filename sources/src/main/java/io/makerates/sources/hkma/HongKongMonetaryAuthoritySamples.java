package io.makerates.sources.hkma;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HKMA's {@code er-eeri-daily} dataset played offline: filled once a month, so on any day it ends
 * with the last day of the month before (a day after that is answered with no records, as the real
 * dataset does until the next filling); newest first, paged by {@code offset} and {@code pagesize},
 * from {@code from} to {@code to} when asked, at most two years back. HKD per one unit, in the real
 * steps (most currencies 0.0005, CNY, THB and MYR 0.00005, SDR eight decimals), the pre-euro
 * currencies and the old indices {@code null}. The real dataset also has Saturday records (without
 * SDR); these are weekdays only, and the numbers carry no binary noise.
 */
final class HongKongMonetaryAuthoritySamples implements SampleAnswers {

  /** The currency fields of a real record, in its order (SDR read as XDR). */
  static final List<String> CURRENCIES =
      List.of(
          "USD", "GBP", "JPY", "CAD", "AUD", "SGD", "TWD", "CHF", "CNY", "KRW", "THB", "MYR", "EUR",
          "PHP", "INR", "IDR", "ZAR", "XDR");

  /** The pre-euro currencies' fields, always null, written before {@code eur}. */
  private static final List<String> PRE_EURO = List.of("dem", "nlg", "bef", "frf", "itl");

  /** HKMA's step where it is not 0.0005. */
  private static final Map<String, BigDecimal> STEP =
      Map.of(
          "JPY", new BigDecimal("0.00001"),
          "KRW", new BigDecimal("0.000001"),
          "IDR", new BigDecimal("0.0000001"),
          "CNY", new BigDecimal("0.00005"),
          "THB", new BigDecimal("0.00005"),
          "MYR", new BigDecimal("0.00005"),
          "XDR", new BigDecimal("0.00000001"));

  private static final BigDecimal HALF_THOUSANDTH = new BigDecimal("0.0005");

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return HongKongMonetaryAuthoritySource.BASE;
  }

  /** New Year, Labour Day, HKSAR Establishment Day, National Day, Christmas and Boxing Day. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(5, 1),
        MonthDay.of(7, 1),
        MonthDay.of(10, 1),
        MonthDay.of(12, 25),
        MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!"/er-eeri-daily".equals(request.path())) {
      return Optional.empty();
    }
    LocalDate filled = market.today().withDayOfMonth(1).minusDays(1);
    LocalDate from =
        request.param("from") == null
            ? filled.minusYears(2)
            : LocalDate.parse(request.param("from"));
    LocalDate to = request.param("to") == null ? filled : LocalDate.parse(request.param("to"));
    List<LocalDate> days = market.days(from, to.isAfter(filled) ? filled : to).reversed();
    int offset = Integer.parseInt(request.query().getOrDefault("offset", "0"));
    int size = Integer.parseInt(request.query().getOrDefault("pagesize", "100"));
    List<LocalDate> page =
        days.subList(Math.min(offset, days.size()), Math.min(offset + size, days.size()));
    StringBuilder json =
        new StringBuilder(
                "{\"header\":{\"success\":true,\"err_code\":\"0000\",\"err_msg\":\"No error found\"},")
            .append("\"result\":{\"datasize\":")
            .append(page.size())
            .append(",\"records\":[");
    for (int i = 0; i < page.size(); i++) {
      json.append(i == 0 ? "" : ",").append(record(page.get(i), market));
    }
    return Optional.of(OfflineReply.ok("application/json", json.append("]}}").toString()));
  }

  private static String record(LocalDate day, OfflineMarket market) {
    StringBuilder json = new StringBuilder("{\"end_of_day\":\"").append(day).append('"');
    for (String code : CURRENCIES) {
      if ("EUR".equals(code)) {
        PRE_EURO.forEach(field -> json.append(",\"").append(field).append("\":null"));
      }
      String field = "XDR".equals(code) ? "special_drawing_rights" : code.toLowerCase(Locale.ROOT);
      json.append(",\"").append(field).append("\":").append(value(day, code, market));
    }
    for (String year : List.of("1983", "2000", "2010", "2020")) {
      for (String weight : List.of("trade", "import", "export")) {
        json.append(",\"neeri_").append(year).append('_').append(weight).append("_wgt\":");
        json.append("2020".equals(year) ? "101.1" : "null");
      }
    }
    return json.append('}').toString();
  }

  /** HKD per one unit in HKMA's step, or null for a currency the market has no rate for. */
  private static String value(LocalDate day, String code, OfflineMarket market) {
    if (!market.quotes(code)) {
      return "null";
    }
    BigDecimal step = STEP.getOrDefault(code, HALF_THOUSANDTH);
    BigDecimal steps = market.homePer(day, code).divide(step, 0, RoundingMode.HALF_UP);
    return steps.multiply(step).stripTrailingZeros().toPlainString();
  }
}
