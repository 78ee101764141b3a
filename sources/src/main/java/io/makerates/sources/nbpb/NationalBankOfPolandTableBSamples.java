package io.makerates.sources.nbpb;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NBP's API played offline: Table B, on Wednesdays only (a holiday Wednesday has none). The
 * current one ({@code /exchangerates/tables/B/}) is the last Wednesday's; one day's ({@code
 * /B/{date}/}) or a range's ({@code /B/{from}/{to}/}, 93 days at most, else its 400) holds its
 * Wednesdays, each table numbered {@code NNN/B/NBP/YYYY} by the Wednesday tables of its year. A
 * span without a Wednesday table answers its 404 {@code Brak danych}. {@code mid} is PLN per one
 * unit: four decimals, four significant digits for values under 0.1, so that every figure keeps the
 * three significant digits the parser asks for.
 */
final class NationalBankOfPolandTableBSamples implements SampleAnswers {

  /**
   * The currencies of the real Table B of 4 March 2026 that the parser keeps, in its order: its 116
   * codes but VES, GNF, CDF, LBP, SSP, COP and IRR (two significant digits). The offline market has
   * no rate for SVC (dollarised since 2001), so the answers leave it out.
   */
  static final List<String> CURRENCIES =
      List.of(
          "AFN", "MGA", "PAB", "ETB", "BOB", "CRC", "SVC", "NIO", "GMD", "MKD", "DZD", "BHD", "IQD",
          "JOD", "KWD", "LYD", "RSD", "TND", "MAD", "AED", "STN", "BSD", "BBD", "BZD", "BND", "FJD",
          "GYD", "JMD", "LRD", "NAD", "SRD", "TTD", "XCD", "SBD", "VND", "AMD", "CVE", "AWG", "BIF",
          "XOF", "XAF", "XPF", "DJF", "KMF", "RWF", "EGP", "GIP", "SDG", "SYP", "GHS", "HTG", "PYG",
          "XCG", "PGK", "LAK", "MWK", "ZMW", "AOA", "MMK", "GEL", "MDL", "ALL", "HNL", "SLE", "SZL",
          "LSL", "AZN", "MZN", "NGN", "ERN", "TWD", "TMT", "MRU", "TOP", "MOP", "ARS", "DOP", "CUP",
          "UYU", "BWP", "GTQ", "YER", "QAR", "OMR", "SAR", "KHR", "BYN", "RUB", "LKR", "MVR", "MUR",
          "NPR", "PKR", "SCR", "PEN", "KGS", "TJS", "UZS", "KES", "SOS", "TZS", "UGX", "BDT", "WST",
          "KZT", "MNT", "VUV", "BAM", "ZWG");

  static final String NO_DATA = "404 NotFound - Not Found - Brak danych";
  static final String TOO_LONG =
      "400 BadRequest - Przekroczony limit 93 dni / Limit of 93 days has been exceeded";

  private static final String TABLES = "/exchangerates/tables/B";
  private static final Pattern DAY = Pattern.compile(TABLES + "/(\\d{4}-\\d{2}-\\d{2})/?");
  private static final Pattern RANGE =
      Pattern.compile(TABLES + "/(\\d{4}-\\d{2}-\\d{2})/(\\d{4}-\\d{2}-\\d{2})/?");
  private static final BigDecimal SMALL = new BigDecimal("0.1");
  private static final MathContext FOUR = new MathContext(4, RoundingMode.HALF_UP);

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return NationalBankOfPolandTableBSource.BASE;
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
      days = List.of(current(market));
    } else if (day.matches()) {
      LocalDate date = LocalDate.parse(day.group(1));
      days = wednesdays(market, date, date);
    } else if (range.matches()) {
      LocalDate from = LocalDate.parse(range.group(1));
      LocalDate to = LocalDate.parse(range.group(2));
      if (ChronoUnit.DAYS.between(from, to) >= 93) {
        return Optional.of(OfflineReply.status(400, "text/plain; charset=utf-8", TOO_LONG));
      }
      days = wednesdays(market, from, to);
    } else {
      return Optional.empty();
    }
    if (days.isEmpty()) {
      return Optional.of(OfflineReply.status(404, "text/plain; charset=utf-8", NO_DATA));
    }
    StringBuilder tables = new StringBuilder();
    for (LocalDate date : days) {
      tables
          .append(tables.isEmpty() ? "" : ",")
          .append("{\"table\":\"B\",\"no\":\"")
          .append(number(market, date))
          .append("\",\"effectiveDate\":\"")
          .append(date)
          .append("\",\"rates\":[");
      String separator = "";
      for (String currency : market.currencies()) {
        tables
            .append(separator)
            .append("{\"currency\":\"")
            .append(currency.toLowerCase(Locale.ROOT))
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

  /** The last Wednesday with a table on or before the market's newest day. */
  static LocalDate current(OfflineMarket market) {
    LocalDate date = market.latest();
    while (date.getDayOfWeek() != DayOfWeek.WEDNESDAY || !market.publishes(date)) {
      date = date.minusDays(1);
    }
    return date;
  }

  /** The Wednesdays with a table from {@code from} to {@code to}, both included. */
  static List<LocalDate> wednesdays(OfflineMarket market, LocalDate from, LocalDate to) {
    return market.days(from, to).stream()
        .filter(d -> d.getDayOfWeek() == DayOfWeek.WEDNESDAY)
        .toList();
  }

  /** {@code NNN/B/NBP/YYYY}: the how-manyth Wednesday table of its year. */
  static String number(OfflineMarket market, LocalDate date) {
    int number = wednesdays(market, date.withDayOfYear(1), date).size();
    return "%03d/B/NBP/%d".formatted(number, date.getYear());
  }

  /** Four decimals; four significant digits under 0.1 (VND 0.0001404, MGA 0.0008810). */
  static BigDecimal mid(BigDecimal plnPerUnit) {
    return plnPerUnit.compareTo(SMALL) < 0
        ? plnPerUnit.round(FOUR)
        : plnPerUnit.setScale(4, RoundingMode.HALF_UP);
  }
}
