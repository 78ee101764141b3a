package io.makerates.sources.nbg;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * NBG's {@code /currencies/?date=…} played offline: the list valid on the day asked, set at 17:01
 * of the business day before and valid from the next calendar day (a Friday's list from Saturday,
 * and after a Georgian holiday the list set before it); GEL per {@code quantity} with four
 * decimals, {@code rate} also as {@code rateFormated} text, {@code diff} to the list before.
 */
final class NationalBankOfGeorgiaSamples implements SampleAnswers {

  /** The 42 codes of a real list, in its order. */
  static final List<String> CURRENCIES =
      List.of(
          "AED", "AMD", "AUD", "AZN", "BRL", "BYN", "CAD", "CHF", "CNY", "CZK", "DKK", "EGP", "EUR",
          "GBP", "HKD", "HUF", "ILS", "INR", "IRR", "ISK", "JPY", "KGS", "KRW", "KWD", "KZT", "MDL",
          "NOK", "NZD", "PLN", "QAR", "RON", "RSD", "RUB", "SEK", "SGD", "TJS", "TMT", "TRY", "UAH",
          "USD", "UZS", "ZAR");

  /** {@code quantity} where it is not 1. */
  private static final Map<String, Integer> QUANTITY =
      table(
          "AED 10, AMD 1000, CNY 10, CZK 10, DKK 10, EGP 10, HKD 10, HUF 100, ILS 10, INR 100,"
              + " IRR 10000, ISK 100, JPY 100, KGS 100, KRW 1000, KZT 100, MDL 10, NOK 10, PLN 10,"
              + " QAR 10, RON 10, RSD 100, RUB 100, SEK 10, TJS 10, TMT 10, UAH 10, UZS 1000,"
              + " ZAR 10");

  private static final Locale GEORGIAN = Locale.forLanguageTag("ka");

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return NationalBankOfGeorgiaSource.BASE;
  }

  /** New Year, Christmas, Mother's Day, Women's Day, 9 April, Independence Day, St George's. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(1, 2),
        MonthDay.of(1, 7),
        MonthDay.of(3, 3),
        MonthDay.of(3, 8),
        MonthDay.of(4, 9),
        MonthDay.of(5, 26),
        MonthDay.of(11, 23));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!"/currencies/".equals(request.path()) || request.param("date") == null) {
      return Optional.empty();
    }
    LocalDate set = market.latest(LocalDate.parse(request.param("date")).minusDays(1));
    LocalDate before = market.latest(set.minusDays(1));
    String validFrom = set.plusDays(1) + "T00:00:00.000Z";
    StringBuilder json =
        new StringBuilder("[{\"date\":\"").append(validFrom).append("\",\"currencies\":[");
    String separator = "";
    for (String code : market.currencies()) {
      BigDecimal rate = rate(market, set, code);
      BigDecimal diff = rate.subtract(rate(market, before, code));
      json.append(separator)
          .append("{\"code\":\"")
          .append(code)
          .append("\",\"quantity\":")
          .append(QUANTITY.getOrDefault(code, 1))
          .append(",\"rateFormated\":\"")
          .append(rate.toPlainString())
          .append("\",\"diffFormated\":\"")
          .append(diff.abs().toPlainString())
          .append("\",\"rate\":")
          .append(rate.toPlainString())
          .append(",\"name\":\"")
          .append(Currency.getInstance(code).getDisplayName(GEORGIAN))
          .append("\",\"diff\":")
          .append(diff.toPlainString())
          .append(",\"date\":\"")
          .append(set)
          .append("T17:01:00.093Z\",\"validFromDate\":\"")
          .append(validFrom)
          .append("\"}");
      separator = ",";
    }
    return Optional.of(
        OfflineReply.ok("application/json; charset=utf-8", json.append("]}]").toString()));
  }

  /** GEL per {@code quantity} units, four decimals. */
  private static BigDecimal rate(OfflineMarket market, LocalDate day, String code) {
    return market
        .homePer(day, code)
        .multiply(BigDecimal.valueOf(QUANTITY.getOrDefault(code, 1)))
        .setScale(4, RoundingMode.HALF_UP);
  }

  private static Map<String, Integer> table(String pairs) {
    Map<String, Integer> table = new HashMap<>();
    for (String pair : pairs.split(",")) {
      String[] cells = pair.strip().split(" ");
      table.put(cells[0], Integer.valueOf(cells[1]));
    }
    return Map.copyOf(table);
  }
}
