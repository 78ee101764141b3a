package io.makerates.sources.nbrb;

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
 * NBRB's daily list ({@code /rates?ondate=…&periodicity=0}) played offline: the list in force on
 * the day asked, which NBRB set on the business day before (so its {@code Date} is the weekday
 * after that setting day); BYN per {@code Cur_Scale} with four decimals, on one line.
 */
final class NationalBankOfBelarusSamples implements SampleAnswers {

  /** The 30 codes of a real daily list, in its order. */
  static final List<String> CURRENCIES =
      List.of(
          "AUD", "AMD", "BRL", "UAH", "DKK", "AED", "USD", "VND", "EUR", "PLN", "JPY", "INR", "IRR",
          "ISK", "CAD", "CNY", "KWD", "MDL", "NZD", "NOK", "RUB", "XDR", "SGD", "KGS", "KZT", "TRY",
          "GBP", "CZK", "SEK", "CHF");

  /** Cur_Scale where it is not 1. */
  private static final Map<String, Integer> SCALE =
      table(
          "AMD 1000, BRL 10, UAH 100, DKK 10, AED 10, VND 100000, PLN 10, JPY 100, INR 100,"
              + " IRR 100000, ISK 100, CNY 10, MDL 10, NOK 10, RUB 100, KGS 100, KZT 1000, TRY 10,"
              + " CZK 100, SEK 10");

  /** NBRB's own currency ids (its per-currency history is keyed by them). */
  private static final Map<String, Integer> IDS =
      table(
          "AUD 440, AMD 510, BRL 514, UAH 449, DKK 450, AED 513, USD 431, VND 512, EUR 451,"
              + " PLN 452, JPY 508, INR 511, IRR 461, ISK 453, CAD 371, CNY 462, KWD 394, MDL 454,"
              + " NZD 448, NOK 455, RUB 456, XDR 457, SGD 421, KGS 458, KZT 459, TRY 460, GBP 429,"
              + " CZK 463, SEK 464, CHF 426");

  private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return NationalBankOfBelarusSource.BASE;
  }

  /** New Year, Women's Day, Labour Day, Independence Day, October Revolution Day, Christmas. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(3, 8),
        MonthDay.of(5, 1),
        MonthDay.of(7, 3),
        MonthDay.of(11, 7),
        MonthDay.of(12, 25));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!"/rates".equals(request.path())
        || !"0".equals(request.param("periodicity"))
        || request.param("ondate") == null) {
      return Optional.empty();
    }
    LocalDate ondate = LocalDate.parse(request.param("ondate"));
    LocalDate set = market.latest(NationalBankOfBelarusParser.settingDay(ondate));
    String date = NationalBankOfBelarusParser.appliesDay(set) + "T00:00:00";
    StringBuilder json = new StringBuilder("[");
    for (String code : market.currencies()) {
      int scale = SCALE.getOrDefault(code, 1);
      BigDecimal rate =
          market
              .homePer(set, code)
              .multiply(BigDecimal.valueOf(scale))
              .setScale(4, RoundingMode.HALF_UP);
      json.append(json.length() == 1 ? "" : ",")
          .append("{\"Cur_ID\":")
          .append(IDS.get(code))
          .append(",\"Date\":\"")
          .append(date)
          .append("\",\"Cur_Abbreviation\":\"")
          .append(code)
          .append("\",\"Cur_Scale\":")
          .append(scale)
          .append(",\"Cur_Name\":\"")
          .append(Currency.getInstance(code).getDisplayName(RUSSIAN))
          .append("\",\"Cur_OfficialRate\":")
          .append(rate.toPlainString())
          .append('}');
    }
    return Optional.of(
        OfflineReply.ok("application/json; charset=utf-8", json.append(']').toString()));
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
