package io.makerates.sources.nbm;

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
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The NBM's {@code /official_exchange_rates?date=dd.mm.yyyy&get_xml=1} played offline: the list in
 * force on that date, {@code <ValCurs Date=…>} dated by the day it applies (the weekday after the
 * day it was set from the market), MDL per {@code Nominal} units with 4 decimals, indented XML with
 * LF. A date without a list of its own (a weekend, a holiday, a day not yet fixed) gets the list in
 * force on it, the newest set before it, under that list's own date.
 */
final class NationalBankOfMoldovaSamples implements SampleAnswers {

  /** A currency of the list: its code, the NBM's Valute ID, ISO number, nominal and name. */
  private record Valute(String code, String id, String number, int nominal, String name) {}

  private static final List<Valute> VALUTES =
      List.of(
          new Valute("EUR", "47", "978", 1, "Euro"),
          new Valute("USD", "44", "840", 1, "US Dollar"),
          new Valute("RUB", "36", "643", 1, "Russian Ruble"),
          new Valute("RON", "35", "946", 1, "Romanian Leu"),
          new Valute("UAH", "43", "980", 1, "Ukraine Hryvnia"),
          new Valute("AED", "61", "784", 1, "U.A.E. Dirham"),
          new Valute("ALL", "64", "008", 10, "Albanian lek"),
          new Valute("AMD", "1", "051", 10, "Armenian Dram"),
          new Valute("AUD", "3", "036", 1, "Australian Dollar"),
          new Valute("AZN", "4", "944", 1, "Azerbaijanian Manat"),
          new Valute("BYN", "50", "933", 1, "Belarussian Ruble"),
          new Valute("CAD", "8", "124", 1, "Canadian Dollar"),
          new Valute("CHF", "9", "756", 1, "Swiss Franc"),
          new Valute("CNY", "54", "156", 1, "Chinese yuan renminbi"),
          new Valute("CZK", "10", "203", 1, "Czech Koruna"),
          new Valute("DKK", "12", "208", 1, "Danish Krone"),
          new Valute("GBP", "17", "826", 1, "Pound Sterling"),
          new Valute("GEL", "18", "981", 1, "Georgian Lar"),
          new Valute("HKD", "63", "344", 1, "Hong Kong dollar"),
          new Valute("HUF", "21", "348", 100, "Hungarian Forint"),
          new Valute("ILS", "49", "376", 1, "Shekel Israelit"),
          new Valute("INR", "65", "356", 10, "Indian rupee"),
          new Valute("ISK", "23", "352", 10, "Iceland Krona"),
          new Valute("JPY", "25", "392", 100, "Japanese Yen"),
          new Valute("KGS", "26", "417", 10, "Kyrgyzstan Som"),
          new Valute("KRW", "66", "410", 100, "South Korean won"),
          new Valute("KWD", "59", "414", 1, "Kuwaiti Dinar"),
          new Valute("KZT", "27", "398", 10, "Kazakhstan Tenge"),
          new Valute("MKD", "62", "807", 10, "Macedonian denar"),
          new Valute("MYR", "56", "458", 1, "Malaysian Ringgit"),
          new Valute("NOK", "32", "578", 1, "Norwegian Krone"),
          new Valute("NZD", "53", "554", 1, "New Zealand Dollar"),
          new Valute("PLN", "33", "985", 1, "Polish Zloty"),
          new Valute("RSD", "48", "941", 100, "Serbian Dinar"),
          new Valute("SEK", "37", "752", 1, "Swedish Krona"),
          new Valute("TJS", "51", "972", 1, "Tajikistan Somoni"),
          new Valute("TMT", "60", "934", 1, "Turkmenistan Manat"),
          new Valute("TRY", "42", "949", 1, "Turkish Lira"),
          new Valute("UZS", "45", "860", 100, "Uzbekistan Sum"),
          new Valute("XDR", "46", "960", 1, "Special Drawing Rights"));

  /** The 40 codes of a list, in the NBM's order. */
  static final List<String> CURRENCIES = VALUTES.stream().map(Valute::code).toList();

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return NationalBankOfMoldovaSource.BASE;
  }

  /**
   * New Year, Orthodox Christmas (two days), Women's, Labour, Victory, Children's, Independence,
   * Language, Christmas.
   */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(1, 7),
        MonthDay.of(1, 8),
        MonthDay.of(3, 8),
        MonthDay.of(5, 1),
        MonthDay.of(5, 9),
        MonthDay.of(6, 1),
        MonthDay.of(8, 27),
        MonthDay.of(8, 31),
        MonthDay.of(12, 25));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!"/official_exchange_rates".equals(request.path())
        || !"1".equals(request.param("get_xml"))) {
      return Optional.empty();
    }
    LocalDate applies;
    try {
      applies = LocalDate.parse(String.valueOf(request.param("date")), DATE);
    } catch (DateTimeParseException notADate) {
      applies = market.today();
    }
    LocalDate set = market.latest(NationalBankOfMoldovaParser.settingDay(applies));
    return Optional.of(OfflineReply.ok("text/xml; charset=utf-8", xml(set, market)));
  }

  private static String xml(LocalDate set, OfflineMarket market) {
    LocalDate applies = set.plusDays(1);
    while (applies.getDayOfWeek() == DayOfWeek.SATURDAY
        || applies.getDayOfWeek() == DayOfWeek.SUNDAY) {
      applies = applies.plusDays(1);
    }
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ValCurs Date=\"")
            .append(DATE.format(applies))
            .append("\" name=\"Official exchange rate\">\n");
    for (Valute valute : VALUTES) {
      if (!market.quotes(valute.code())) {
        continue;
      }
      BigDecimal value =
          market
              .homePer(set, valute.code())
              .multiply(BigDecimal.valueOf(valute.nominal()))
              .setScale(4, RoundingMode.HALF_UP);
      xml.append("  <Valute ID=\"")
          .append(valute.id())
          .append("\">\n    <NumCode>")
          .append(valute.number())
          .append("</NumCode>\n    <CharCode>")
          .append(valute.code())
          .append("</CharCode>\n    <Nominal>")
          .append(valute.nominal())
          .append("</Nominal>\n    <Name>")
          .append(valute.name())
          .append("</Name>\n    <Value>")
          .append(value.toPlainString())
          .append("</Value>\n  </Valute>\n");
    }
    return xml.append("</ValCurs>\n").toString();
  }
}
