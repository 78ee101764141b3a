package io.makerates.sources.nbk;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * NBK's {@code get_rates.cfm?fdate=…} played offline: the list in force on the day asked, set the
 * business day before (its {@code <date>} the weekday after that setting day); KZT per {@code
 * quant} with at most two decimals, trailing zeros stripped (JPY per one yen, IRR per 1000 are as
 * coarse as in the real list), {@code change} to the list before, indented RSS-like XML.
 */
final class NationalBankOfKazakhstanSamples implements SampleAnswers {

  /** The 39 codes of a real list, in its order (Russian alphabetical order of the names). */
  static final List<String> CURRENCIES =
      List.of(
          "AUD", "AZN", "AMD", "BYN", "BRL", "HUF", "HKD", "GEL", "DKK", "AED", "USD", "EUR", "INR",
          "IRR", "CAD", "CNY", "KWD", "KGS", "MYR", "MXN", "MDL", "NOK", "PLN", "SAR", "RUB", "XDR",
          "SGD", "TJS", "THB", "TRY", "UZS", "UAH", "GBP", "CZK", "SEK", "CHF", "ZAR", "KRW",
          "JPY");

  private static final Map<String, Integer> QUANT =
      Map.of("AMD", 10, "HUF", 10, "KRW", 100, "UZS", 100, "IRR", 1000);

  private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return NationalBankOfKazakhstanSource.BASE;
  }

  /** New Year, Women's Day, Nauryz, Unity Day, Defender's and Victory Day, Independence Day. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(1, 2),
        MonthDay.of(3, 8),
        MonthDay.of(3, 22),
        MonthDay.of(5, 1),
        MonthDay.of(5, 7),
        MonthDay.of(5, 9),
        MonthDay.of(12, 16));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!"/get_rates.cfm".equals(request.path()) || request.param("fdate") == null) {
      return Optional.empty();
    }
    LocalDate applies =
        LocalDate.parse(request.param("fdate"), NationalBankOfKazakhstanParser.DATE);
    LocalDate set = market.latest(NationalBankOfKazakhstanParser.settingDay(applies));
    LocalDate before = market.latest(set.minusDays(1));
    String title = "Official exchange rates of National Bank of Republic Kazakhstan";
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rates>\n")
            .append("    <generator>Alternate RSS Builder</generator>\n")
            .append("    <title>" + title + "</title>\n")
            .append("    <link>www.nationalbank.kz</link>\n")
            .append("    <description>" + title + "</description>\n")
            .append("    <copyright>www.nationalbank.kz</copyright>\n")
            .append("    <date>")
            .append(
                NationalBankOfKazakhstanParser.DATE.format(
                    NationalBankOfKazakhstanParser.appliesDay(set)))
            .append("</date>\n\n");
    for (String code : market.currencies()) {
      BigDecimal value = rate(market, set, code);
      BigDecimal change = value.subtract(rate(market, before, code));
      xml.append("            <item>\n")
          .append("            <fullname>")
          .append(Currency.getInstance(code).getDisplayName(RUSSIAN).toUpperCase(RUSSIAN))
          .append("</fullname>\n            <title>")
          .append(code)
          .append("</title>\n            <description>")
          .append(value.stripTrailingZeros().toPlainString())
          .append("</description>\n            <quant>")
          .append(QUANT.getOrDefault(code, 1))
          .append("</quant>\n            <index>")
          .append(change.signum() > 0 ? "UP" : change.signum() < 0 ? "DOWN" : "")
          .append("</index>\n            <change>")
          .append(change.toPlainString())
          .append("</change>\n            </item>\n");
    }
    xml.append("            </rates>\n");
    return Optional.of(OfflineReply.ok("text/xml; charset=utf-8", xml.toString()));
  }

  /** KZT per {@code quant} units, two decimals. */
  private static BigDecimal rate(OfflineMarket market, LocalDate day, String code) {
    return market
        .homePer(day, code)
        .multiply(BigDecimal.valueOf(QUANT.getOrDefault(code, 1)))
        .setScale(2, RoundingMode.HALF_UP);
  }
}
