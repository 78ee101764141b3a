package io.makerates.sources.cbn;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CBN's {@code /GetAllExchangeRates} played offline: the whole history at every request (here
 * two years, not since 2001), newest day first, one record per label and day with buying, central
 * and selling rates as 4-decimal strings, NGN per unit. The West African Unit of Account, a label
 * the market has no rate for, is left out.
 */
final class CentralBankOfNigeriaSamples implements SampleAnswers {

  /** The labels of a day in the CBN's order, as codes (CFA is XOF, SDR is XDR). */
  static final List<String> CURRENCIES =
      List.of("XOF", "CNY", "DKK", "EUR", "JPY", "SAR", "ZAR", "XDR", "CHF", "GBP", "USD", "AED");

  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("XOF", "CFA"),
          Map.entry("CNY", "YUAN/RENMINBI"),
          Map.entry("DKK", "DANISH KRONA"),
          Map.entry("EUR", "EURO"),
          Map.entry("JPY", "YEN"),
          Map.entry("SAR", "RIYAL"),
          Map.entry("ZAR", "SOUTH AFRICAN RAND"),
          Map.entry("XDR", "SDR"),
          Map.entry("CHF", "SWISS FRANC"),
          Map.entry("GBP", "POUNDS STERLING"),
          Map.entry("USD", "US DOLLAR"),
          Map.entry("AED", "UAE DIRHAM"));

  /** Half the spread between buying and selling: about 3.65 bp of the central rate. */
  private static final BigDecimal HALF_SPREAD = new BigDecimal("0.000365");

  private static final int FIRST_ID = 50_000;

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return CentralBankOfNigeriaSource.BASE;
  }

  /** New Year, Workers', Democracy, Independence, Christmas and Boxing Day. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(5, 1),
        MonthDay.of(6, 12),
        MonthDay.of(10, 1),
        MonthDay.of(12, 25),
        MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!"/GetAllExchangeRates".equals(request.path())) {
      return Optional.empty();
    }
    LocalDate today = market.today();
    List<LocalDate> days = market.days(today.minusYears(2), today);
    return Optional.of(OfflineReply.ok("application/json; charset=utf-8", json(days, market)));
  }

  private static String json(List<LocalDate> days, OfflineMarket market) {
    List<String> currencies = market.currencies();
    StringBuilder json = new StringBuilder("[");
    for (int d = days.size() - 1; d >= 0; d--) {
      LocalDate day = days.get(d);
      int id = FIRST_ID + d * CURRENCIES.size();
      for (String currency : currencies) {
        BigDecimal central = market.homePer(day, currency);
        json.append(json.length() > 1 ? "," : "")
            .append("{\"id\":")
            .append(id + CURRENCIES.indexOf(currency))
            .append(",\"currency\":\"")
            .append(LABELS.get(currency))
            .append("\",\"ratedate\":\"")
            .append(day)
            .append("\",\"buyingrate\":\"")
            .append(four(central.multiply(BigDecimal.ONE.subtract(HALF_SPREAD))))
            .append("\",\"centralrate\":\"")
            .append(four(central))
            .append("\",\"sellingrate\":\"")
            .append(four(central.multiply(BigDecimal.ONE.add(HALF_SPREAD))))
            .append("\"}");
      }
    }
    return json.append("]").toString();
  }

  private static String four(BigDecimal value) {
    return value.round(MathContext.DECIMAL64).setScale(4, RoundingMode.HALF_UP).toPlainString();
  }
}
