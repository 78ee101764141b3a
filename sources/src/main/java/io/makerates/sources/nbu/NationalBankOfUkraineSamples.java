package io.makerates.sources.nbu;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * NBU's {@code exchange_site} played offline: one row per currency and exchange date asked,
 * weekends included (a weekend carries Friday's list, set on Thursday), each list set on the
 * business day before ({@code calcdate}); UAH per {@code units} with four decimals (metals two),
 * CRLF line breaks as NBU writes them. An exchange date whose list is not set yet is not listed (an
 * answer without any is an empty array).
 */
final class NationalBankOfUkraineSamples implements SampleAnswers {

  /** The 45 codes of a real answer, in its order. */
  static final List<String> CURRENCIES =
      List.of(
          "TND", "THB", "USD", "VND", "XAG", "XAU", "XDR", "XPD", "XPT", "ZAR", "AUD", "CNY", "EUR",
          "ILS", "AED", "AZN", "BDT", "CAD", "CHF", "CZK", "DKK", "DZD", "EGP", "GBP", "GEL", "HKD",
          "HUF", "IDR", "INR", "JPY", "KRW", "KZT", "LBP", "MDL", "MXN", "MYR", "NOK", "NZD", "PLN",
          "RON", "RSD", "SAR", "SEK", "SGD", "TRY");

  private static final Map<String, Integer> UNITS =
      Map.ofEntries(
          Map.entry("BDT", 10),
          Map.entry("DZD", 10),
          Map.entry("INR", 10),
          Map.entry("JPY", 10),
          Map.entry("RSD", 10),
          Map.entry("THB", 10),
          Map.entry("HUF", 100),
          Map.entry("KRW", 100),
          Map.entry("KZT", 100),
          Map.entry("LBP", 100),
          Map.entry("IDR", 1000),
          Map.entry("VND", 1000));

  private static final Set<String> METALS = Set.of("XAU", "XAG", "XPT", "XPD");
  private static final DateTimeFormatter REQUEST = DateTimeFormatter.BASIC_ISO_DATE;
  private static final Locale UKRAINIAN = Locale.forLanguageTag("uk");

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return NationalBankOfUkraineSource.BASE;
  }

  /** New Year, Constitution Day, Independence Day, Christmas (no list is set on them). */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(MonthDay.of(1, 1), MonthDay.of(6, 28), MonthDay.of(8, 24), MonthDay.of(12, 25));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!"/exchange_site".equals(request.path())
        || request.param("start") == null
        || request.param("end") == null) {
      return Optional.empty();
    }
    LocalDate start = LocalDate.parse(request.param("start"), REQUEST);
    LocalDate end = LocalDate.parse(request.param("end"), REQUEST);
    StringBuilder json = new StringBuilder("[");
    String separator = "\r\n";
    for (LocalDate exchange = start; !exchange.isAfter(end); exchange = exchange.plusDays(1)) {
      LocalDate setting = weekdayOnOrBefore(weekdayOnOrBefore(exchange).minusDays(1));
      if (setting.isAfter(market.today())) {
        break; // not set yet: NBU lists no exchange date without a list
      }
      LocalDate set = market.latest(setting);
      for (String code : market.currencies()) {
        json.append(separator).append(row(exchange, set, code, market));
        separator = "\r\n,";
      }
    }
    json.append(json.length() == 1 ? "]" : "\r\n]");
    return Optional.of(OfflineReply.ok("application/json; charset=utf-8", json.toString()));
  }

  private static String row(LocalDate exchange, LocalDate set, String code, OfflineMarket market) {
    Currency currency = Currency.getInstance(code);
    int units = UNITS.getOrDefault(code, 1);
    boolean metal = METALS.contains(code);
    BigDecimal perUnit = market.homePer(set, code);
    BigDecimal rate =
        perUnit.multiply(BigDecimal.valueOf(units)).setScale(metal ? 2 : 4, RoundingMode.HALF_UP);
    BigDecimal ratePerUnit = rate.divide(BigDecimal.valueOf(units)).stripTrailingZeros();
    return "{ \r\n\"exchangedate\":\""
        + NationalBankOfUkraineParser.DATE.format(exchange)
        + "\",\"r030\":"
        + currency.getNumericCode()
        + ",\"cc\":\""
        + code
        + "\",\"txt\":\""
        + currency.getDisplayName(UKRAINIAN)
        + "\",\"enname\":\""
        + currency.getDisplayName(Locale.ENGLISH)
        + "\",\"rate\":"
        + rate.stripTrailingZeros().toPlainString()
        + ",\"units\":"
        + units
        + ",\"rate_per_unit\":"
        + ratePerUnit.toPlainString()
        + ",\"group\":\""
        + (metal ? "3" : "1")
        + "\",\"calcdate\":\""
        + NationalBankOfUkraineParser.DATE.format(set)
        + "\",\"special\":"
        + ("USD".equals(code) ? "\"N\"" : "null")
        + "\r\n }";
  }

  /** A weekend's exchange date carries Friday's list; a list is set on the weekday before. */
  private static LocalDate weekdayOnOrBefore(LocalDate day) {
    LocalDate weekday = day;
    while (weekday.getDayOfWeek() == DayOfWeek.SATURDAY
        || weekday.getDayOfWeek() == DayOfWeek.SUNDAY) {
      weekday = weekday.minusDays(1);
    }
    return weekday;
  }
}
