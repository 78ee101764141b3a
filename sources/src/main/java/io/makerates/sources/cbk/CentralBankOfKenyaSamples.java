package io.makerates.sources.cbk;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CBK's wpDataTables table played offline: the form POST to {@code
 * /admin-ajax.php?action=get_wdtable&table_id=193} answers every row of the table, whatever day is
 * wanted (here from two years back, not January 2024), oldest day first, 21 rows a day named by
 * label. KES per unit (per 100 yen), the four East African rows units per KES, two decimals written
 * with four, as the table has them since 2025; JSON served as text/html with escaped slashes.
 */
final class CentralBankOfKenyaSamples implements SampleAnswers {

  /** The 21 rows of a day in table 193, in the table's order. */
  static final List<String> CURRENCIES =
      List.of(
          "USD", "GBP", "EUR", "ZAR", "UGX", "TZS", "RWF", "BIF", "AED", "CAD", "CHF", "JPY", "SEK",
          "NOK", "DKK", "INR", "HKD", "SGD", "SAR", "CNY", "AUD");

  private static final Map<String, String> LABELS =
      Map.ofEntries(
          Map.entry("USD", "US DOLLAR"),
          Map.entry("GBP", "STG POUND"),
          Map.entry("EUR", "EURO"),
          Map.entry("ZAR", "SA RAND"),
          Map.entry("UGX", "KES \\/ USHS"),
          Map.entry("TZS", "KES \\/ TSHS"),
          Map.entry("RWF", "KES \\/ RWF"),
          Map.entry("BIF", "KES \\/ BIF"),
          Map.entry("AED", "AE DIRHAM"),
          Map.entry("CAD", "CAN $"),
          Map.entry("CHF", "S FRANC"),
          Map.entry("JPY", "JPY (100)"),
          Map.entry("SEK", "SW KRONER"),
          Map.entry("NOK", "NOR KRONER"),
          Map.entry("DKK", "DAN KRONER"),
          Map.entry("INR", "IND RUPEE"),
          Map.entry("HKD", "HONGKONG DOLLAR"),
          Map.entry("SGD", "SINGAPORE DOLLAR"),
          Map.entry("SAR", "SAUDI RIYAL"),
          Map.entry("CNY", "CHINESE YUAN"),
          Map.entry("AUD", "AUSTRALIAN $"));

  /** Quoted as units of the currency per one KES. */
  private static final Set<String> PER_KES = Set.of("UGX", "TZS", "RWF", "BIF");

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return CentralBankOfKenyaSource.BASE;
  }

  /** New Year, Labour, Madaraka, Mazingira, Mashujaa, Jamhuri, Christmas and Boxing Day. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(5, 1),
        MonthDay.of(6, 1),
        MonthDay.of(10, 10),
        MonthDay.of(10, 20),
        MonthDay.of(12, 12),
        MonthDay.of(12, 25),
        MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!"/admin-ajax.php".equals(request.path())
        || !"get_wdtable".equals(request.param("action"))) {
      return Optional.empty();
    }
    if (!"193".equals(request.param("table_id"))) {
      // WordPress's answer to a table the plugin does not serve
      return Optional.of(OfflineReply.ok("text/html; charset=UTF-8", "0"));
    }
    LocalDate today = market.today();
    List<LocalDate> days = market.days(today.minusYears(2), today);
    return Optional.of(OfflineReply.ok("text/html; charset=UTF-8", table(days, market)));
  }

  private static String table(List<LocalDate> days, OfflineMarket market) {
    List<String> currencies = market.currencies();
    int rows = days.size() * currencies.size();
    StringBuilder json = new StringBuilder();
    json.append("{\"draw\":1,\"recordsTotal\":\"")
        .append(rows)
        .append("\",\"recordsFiltered\":\"")
        .append(rows)
        .append("\",\"data\":[");
    boolean first = true;
    for (LocalDate day : days) {
      String date = CentralBankOfKenyaParser.DATE.format(day).replace("/", "\\/");
      for (String currency : currencies) {
        json.append(first ? "" : ",")
            .append("[\"")
            .append(date)
            .append("\",\"")
            .append(LABELS.get(currency))
            .append("\",\"")
            .append(value(day, currency, market))
            .append("\"]");
        first = false;
      }
    }
    return json.append("]}").toString();
  }

  private static String value(LocalDate day, String currency, OfflineMarket market) {
    BigDecimal value;
    if (PER_KES.contains(currency)) {
      value = market.per(day, CentralBankOfKenyaSource.BASE, currency);
    } else if (currency.equals("JPY")) {
      value = market.homePer(day, currency).multiply(HUNDRED);
    } else {
      value = market.homePer(day, currency);
    }
    return value.setScale(2, RoundingMode.HALF_UP).setScale(4).toPlainString();
  }
}
