package io.makerates.sources.nbrm;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * NBRM's {@code GetExchangeRate} played offline: one list per calendar day of the window asked
 * ({@code datum}), each formed on the publication day before it ({@code datum_f}; weekend and
 * holiday lists repeat the last one), MKD per one unit ({@code nomin} 1) to four decimals. The rows
 * keep the list number, numeric code, ISO code, unit and middle rate; the country and currency
 * names in three languages are left out (the parser does not read them).
 */
final class NbrmSamples implements SampleAnswers {

  /** The 31 currencies of every list, in the bank's order. */
  static final List<String> CURRENCIES =
      List.of(
          "EUR", "USD", "GBP", "CHF", "SEK", "NOK", "JPY", "DKK", "CAD", "AUD", "CZK", "HUF", "PLN",
          "RON", "TRY", "RUB", "BRL", "CNY", "HKD", "IDR", "ILS", "INR", "KRW", "MXN", "MYR", "NZD",
          "PHP", "SGD", "THB", "ZAR", "RSD");

  /** ISO 4217 numeric codes ({@code valuta}), in the order of {@link #CURRENCIES}. */
  private static final List<String> NUMERIC =
      List.of(
          "978", "840", "826", "756", "752", "578", "392", "208", "124", "036", "203", "348", "985",
          "946", "949", "643", "986", "156", "344", "360", "376", "356", "410", "484", "458", "554",
          "608", "702", "764", "710", "941");

  private static final DateTimeFormatter REQUEST = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_UP);

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return NationalBankOfNorthMacedoniaSource.BASE;
  }

  /** New Year, Orthodox Christmas, Labour Day, Saints Cyril and Methodius, national days. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(1, 2),
        MonthDay.of(1, 7),
        MonthDay.of(5, 1),
        MonthDay.of(5, 24),
        MonthDay.of(8, 2),
        MonthDay.of(9, 8),
        MonthDay.of(10, 11),
        MonthDay.of(10, 23),
        MonthDay.of(12, 8));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!"/GetExchangeRate".equals(request.path())) {
      return Optional.empty();
    }
    LocalDate start;
    LocalDate end;
    try {
      start = LocalDate.parse(String.valueOf(request.param("StartDate")), REQUEST);
      end = LocalDate.parse(String.valueOf(request.param("EndDate")), REQUEST);
    } catch (DateTimeParseException notADate) {
      return Optional.of(OfflineReply.ok("application/json; charset=utf-8", "[]"));
    }
    // lists exist up to tomorrow's; a window past that (the stub's clock behind the adapter's)
    // gets tomorrow's list, the newest there is
    LocalDate tomorrow = market.today().plusDays(1);
    List<LocalDate> applying = new ArrayList<>();
    for (LocalDate d = start; !d.isAfter(end) && !d.isAfter(tomorrow); d = d.plusDays(1)) {
      applying.add(d);
    }
    if (applying.isEmpty() && end.isAfter(tomorrow)) {
      applying.add(tomorrow);
    }
    StringBuilder json = new StringBuilder("[");
    for (LocalDate day : applying) {
      LocalDate formed = market.latest(day.minusDays(1));
      int number = market.days(formed.withDayOfYear(1), formed).size();
      for (String currency : market.currencies()) {
        json.append(json.length() > 1 ? "," : "")
            .append("{\"rBr\":")
            .append(number)
            .append(",\"datum\":\"")
            .append(day)
            .append("T00:00:00\",\"valuta\":\"")
            .append(NUMERIC.get(CURRENCIES.indexOf(currency)))
            .append("\",\"oznaka\":\"")
            .append(currency)
            .append("\",\"nomin\":1,\"sreden\":")
            .append(middle(market.homePer(formed, currency)))
            .append(",\"datum_f\":\"")
            .append(formed)
            .append("T00:00:00\"}");
      }
    }
    return Optional.of(
        OfflineReply.ok("application/json; charset=utf-8", json.append("]").toString()));
  }

  /**
   * Four decimals, trailing zeros dropped as the bank's JSON numbers have them; below 0.01 (IDR)
   * four significant digits, where the bank's 0.003 would be 1.6 % off.
   */
  private static String middle(BigDecimal mkdPerUnit) {
    BigDecimal rounded =
        mkdPerUnit.compareTo(new BigDecimal("0.01")) < 0
            ? mkdPerUnit.round(FOUR_DIGITS)
            : mkdPerUnit.setScale(4, RoundingMode.HALF_UP);
    return rounded.stripTrailingZeros().toPlainString();
  }
}
