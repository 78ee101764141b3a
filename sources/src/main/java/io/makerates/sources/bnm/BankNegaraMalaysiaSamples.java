package io.makerates.sources.bnm;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BNM's Open API played offline: {@code /exchange-rate?session=0900} (every currency's newest 09:00
 * session) and {@code /exchange-rate/{CCY}/year/{Y}/month/{M}?session=0900} (one currency's month,
 * what the adapter's {@code month} asks). MYR per {@code unit} with four decimals, the middle rate
 * between a buying and a selling rate, SDR under BNM's own code {@code SDR} with a middle rate
 * only. The real answers write the numbers as binary doubles with their noise; here they are
 * written as the decimals BNM published.
 */
final class BankNegaraMalaysiaSamples implements SampleAnswers {

  /** The 27 codes of a real latest answer, in its order (its SDR read as XDR). */
  static final List<String> CURRENCIES =
      List.of(
          "INR", "XDR", "SAR", "PKR", "PHP", "NZD", "NPR", "MMK", "KRW", "KHR", "JPY", "SGD", "IDR",
          "HKD", "GBP", "EUR", "EGP", "CNY", "CHF", "CAD", "BND", "AUD", "AED", "VND", "USD", "TWD",
          "THB");

  private static final Set<String> PER_HUNDRED =
      Set.of(
          "AED", "HKD", "IDR", "INR", "JPY", "KHR", "KRW", "MMK", "NPR", "PHP", "PKR", "SAR", "THB",
          "TWD", "VND");

  /** Half the spread between buying and selling, about 0.1 %. */
  private static final BigDecimal HALF_SPREAD = new BigDecimal("0.001");

  private static final Pattern MONTH =
      Pattern.compile("/exchange-rate/([A-Z]{3})/year/(\\d{4})/month/(\\d{1,2})");

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return BankNegaraMalaysiaSource.BASE;
  }

  /** New Year, Labour Day, National Day, Malaysia Day, Christmas. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(5, 1),
        MonthDay.of(8, 31),
        MonthDay.of(9, 16),
        MonthDay.of(12, 25));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!BankNegaraMalaysiaSource.SESSION.equals(request.param("session"))) {
      return Optional.empty();
    }
    LocalDate latest = market.latest();
    StringBuilder json = new StringBuilder("{\"data\":");
    int total;
    Matcher month = MONTH.matcher(request.path());
    if ("/exchange-rate".equals(request.path())) {
      json.append('[');
      for (String code : market.currencies()) {
        json.append(json.length() == 9 ? "" : ",")
            .append(currency(code, market, List.of(latest), false));
      }
      json.append(']');
      total = market.currencies().size();
    } else if (month.matches()) {
      String code = "SDR".equals(month.group(1)) ? "XDR" : month.group(1);
      if (!market.currencies().contains(code)) {
        return Optional.empty();
      }
      YearMonth asked =
          YearMonth.of(Integer.parseInt(month.group(2)), Integer.parseInt(month.group(3)));
      List<LocalDate> days = market.days(asked.atDay(1), asked.atEndOfMonth());
      json.append(currency(code, market, days, true));
      total = days.size();
    } else {
      return Optional.empty();
    }
    json.append(",\"meta\":{\"quote\":\"rm\",\"session\":\"0900\",\"last_updated\":\"")
        .append(latest)
        .append(" 23:01:22\",\"total_result\":")
        .append(total)
        .append("}}");
    return Optional.of(OfflineReply.ok("application/json", json.toString()));
  }

  /** One currency: its {@code rate} an object for the latest answer, an array for a month. */
  private static String currency(
      String code, OfflineMarket market, List<LocalDate> days, boolean month) {
    int unit = PER_HUNDRED.contains(code) ? 100 : 1;
    StringBuilder rates = new StringBuilder();
    for (LocalDate day : days) {
      BigDecimal middle = market.homePer(day, code).multiply(BigDecimal.valueOf(unit));
      boolean sdr = "XDR".equals(code);
      rates
          .append(rates.isEmpty() ? "" : ",")
          .append("{\"date\":\"")
          .append(day)
          .append("\",\"buying_rate\":")
          .append(sdr ? "null" : number(middle.multiply(BigDecimal.ONE.subtract(HALF_SPREAD))))
          .append(",\"selling_rate\":")
          .append(sdr ? "null" : number(middle.multiply(BigDecimal.ONE.add(HALF_SPREAD))))
          .append(",\"middle_rate\":")
          .append(number(middle))
          .append('}');
    }
    return "{\"currency_code\":\""
        + ("XDR".equals(code) ? "SDR" : code)
        + "\",\"unit\":"
        + unit
        + ",\"rate\":"
        + (month ? "[" + rates + "]" : rates)
        + "}";
  }

  private static String number(BigDecimal value) {
    return value.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
