package io.makerates.sources.nbp;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NBP's API played offline: Table A, the current one ({@code /exchangerates/tables/A/}), one
 * day's ({@code /A/{date}/}) or a range's ({@code /A/{from}/{to}/}, 93 days at most, else its 400),
 * each table numbered {@code NNN/A/NBP/YYYY} within its year. A span without a table answers its
 * 404 {@code Brak danych}. {@code mid} is PLN per one unit: four decimals, five significant digits
 * for values under 0.05.
 */
final class NationalBankOfPolandSamples implements SampleAnswers {

  /** The 32 currencies of Table A, in its order. */
  static final List<String> CURRENCIES =
      List.of(
          "THB", "USD", "AUD", "HKD", "CAD", "NZD", "SGD", "EUR", "HUF", "CHF", "GBP", "UAH", "JPY",
          "CZK", "DKK", "ISK", "NOK", "SEK", "RON", "TRY", "ILS", "CLP", "PHP", "MXN", "ZAR", "BRL",
          "MYR", "IDR", "INR", "KRW", "CNY", "XDR");

  static final String NO_DATA = "404 NotFound - Not Found - Brak danych";
  static final String TOO_LONG =
      "400 BadRequest - Przekroczony limit 93 dni / Limit of 93 days has been exceeded";

  private static final String TABLES = "/exchangerates/tables/A";
  private static final Pattern DAY = Pattern.compile(TABLES + "/(\\d{4}-\\d{2}-\\d{2})/?");
  private static final Pattern RANGE =
      Pattern.compile(TABLES + "/(\\d{4}-\\d{2}-\\d{2})/(\\d{4}-\\d{2}-\\d{2})/?");
  private static final BigDecimal SMALL = new BigDecimal("0.05");
  private static final MathContext FIVE = new MathContext(5, RoundingMode.HALF_UP);

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return NationalBankOfPolandSource.BASE;
  }

  /** Polish public holidays of fixed date (Christmas Eve since 2025). */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(1, 6),
        MonthDay.of(5, 1),
        MonthDay.of(5, 3),
        MonthDay.of(8, 15),
        MonthDay.of(11, 1),
        MonthDay.of(11, 11),
        MonthDay.of(12, 24),
        MonthDay.of(12, 25),
        MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    String path = request.path();
    Matcher day = DAY.matcher(path);
    Matcher range = RANGE.matcher(path);
    List<LocalDate> days;
    if (path.equals(TABLES) || path.equals(TABLES + "/")) {
      days = List.of(market.latest());
    } else if (day.matches()) {
      LocalDate date = LocalDate.parse(day.group(1));
      days = market.days(date, date);
    } else if (range.matches()) {
      LocalDate from = LocalDate.parse(range.group(1));
      LocalDate to = LocalDate.parse(range.group(2));
      if (ChronoUnit.DAYS.between(from, to) >= 93) {
        return Optional.of(OfflineReply.status(400, "text/plain; charset=utf-8", TOO_LONG));
      }
      days = market.days(from, to);
    } else {
      return Optional.empty();
    }
    if (days.isEmpty()) {
      return Optional.of(OfflineReply.status(404, "text/plain; charset=utf-8", NO_DATA));
    }
    StringBuilder tables = new StringBuilder();
    for (LocalDate date : days) {
      int number = market.days(date.withDayOfYear(1), date).size();
      tables
          .append(tables.isEmpty() ? "" : ",")
          .append("{\"table\":\"A\",\"no\":\"")
          .append("%03d/A/NBP/%d".formatted(number, date.getYear()))
          .append("\",\"effectiveDate\":\"")
          .append(date)
          .append("\",\"rates\":[");
      String separator = "";
      for (String currency : market.currencies()) {
        tables
            .append(separator)
            .append("{\"currency\":\"")
            .append(currency.toLowerCase(java.util.Locale.ROOT))
            .append("\",\"code\":\"")
            .append(currency)
            .append("\",\"mid\":")
            .append(mid(market.homePer(date, currency)).toPlainString())
            .append('}');
        separator = ",";
      }
      tables.append("]}");
    }
    return Optional.of(OfflineReply.ok("application/json; charset=utf-8", "[" + tables + "]"));
  }

  /** Four decimals; five significant digits for small values (HUF 0.011155, IDR 0.00021385). */
  static BigDecimal mid(BigDecimal plnPerUnit) {
    return plnPerUnit.compareTo(SMALL) < 0
        ? plnPerUnit.round(FIVE)
        : plnPerUnit.setScale(4, RoundingMode.HALF_UP);
  }
}
