package io.makerates.sources.cba;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CBA's {@code exchangerates.asmx} played offline. The POSTed envelope names the operation: {@code
 * ExchangeRatesLatest} answers the newest list ({@code CurrentDate}, {@code PreviousAvailableDate},
 * {@code Rates/ExchangeRate}); {@code ExchangeRatesByDateRangeByISO} answers a .NET DataSet, its
 * schema then a diffgram row per business day and code asked, days ascending, codes in the bank's
 * order. Rates are AMD per {@code Amount} (10 JPY, KZT, UZS; 100 IRR) to five significant digits,
 * as CBA writes them; a range without business days is an empty diffgram, and an envelope without
 * either operation a SOAP fault.
 */
final class CentralBankOfArmeniaSamples implements SampleAnswers {

  /** The 30 codes of the recorded answers, in their order (the metals per gram, read per ounce). */
  static final List<String> CURRENCIES = List.of(CentralBankOfArmeniaSource.CURRENCIES.split(","));

  private static final Map<String, Integer> AMOUNTS =
      Map.of("JPY", 10, "KZT", 10, "UZS", 10, "IRR", 100);
  private static final MathContext FIVE_DIGITS = new MathContext(5, RoundingMode.HALF_UP);
  private static final String XML = "text/xml; charset=utf-8";
  private static final String ENVELOPE =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope"
          + " xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
          + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
          + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><soap:Body>";
  private static final String END = "</soap:Body></soap:Envelope>";
  private static final String DIFFGRAM_NAMESPACES =
      " xmlns:msdata=\"urn:schemas-microsoft-com:xml-msdata\""
          + " xmlns:diffgr=\"urn:schemas-microsoft-com:xml-diffgram-v1\"";

  /** The DataSet's inline schema, as the service writes it before every range's rows. */
  private static final String SCHEMA =
      "<xs:schema id=\"NewDataSet\" xmlns=\"\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\""
          + " xmlns:msdata=\"urn:schemas-microsoft-com:xml-msdata\"><xs:element name=\"NewDataSet\""
          + " msdata:IsDataSet=\"true\" msdata:MainDataTable=\"ExchangeRatesByRange\""
          + " msdata:UseCurrentLocale=\"true\"><xs:complexType><xs:choice minOccurs=\"0\""
          + " maxOccurs=\"unbounded\"><xs:element name=\"ExchangeRatesByRange\"><xs:complexType>"
          + "<xs:sequence><xs:element name=\"Rate\" type=\"xs:decimal\" minOccurs=\"0\" />"
          + "<xs:element name=\"Amount\" type=\"xs:int\" minOccurs=\"0\" /><xs:element name=\"ISO\""
          + " minOccurs=\"0\"><xs:simpleType><xs:restriction base=\"xs:string\"><xs:maxLength"
          + " value=\"3\" /></xs:restriction></xs:simpleType></xs:element><xs:element name=\"Diff\""
          + " msdata:ReadOnly=\"true\" type=\"xs:decimal\" minOccurs=\"0\" /><xs:element"
          + " name=\"RateDate\" type=\"xs:dateTime\" minOccurs=\"0\" /></xs:sequence>"
          + "</xs:complexType></xs:element></xs:choice></xs:complexType></xs:element></xs:schema>";

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return CentralBankOfArmeniaSource.BASE;
  }

  /**
   * Armenia's non-working days of fixed date: New Year (1–2 January), Christmas (6 January), Army
   * Day, Women's Day, Genocide Remembrance Day, Labour Day, Victory and Peace Day, Republic Day,
   * Constitution Day, Independence Day and New Year's Eve.
   */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(1, 2),
        MonthDay.of(1, 6),
        MonthDay.of(1, 28),
        MonthDay.of(3, 8),
        MonthDay.of(4, 24),
        MonthDay.of(5, 1),
        MonthDay.of(5, 9),
        MonthDay.of(5, 28),
        MonthDay.of(7, 5),
        MonthDay.of(9, 21),
        MonthDay.of(12, 31));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!request.path().isEmpty() && !"/".equals(request.path())) {
      return Optional.empty();
    }
    String body = request.body() == null ? "" : request.body();
    if (body.contains("<" + CentralBankOfArmeniaSource.LATEST + " ")) {
      return Optional.of(OfflineReply.ok(XML, latest(market)));
    }
    if (!body.contains("<" + CentralBankOfArmeniaSource.RANGE + " ")) {
      return Optional.of(OfflineReply.status(500, XML, fault("Unable to handle request.")));
    }
    try {
      LocalDate from = LocalDate.parse(element(body, "DateFrom"));
      LocalDate to = LocalDate.parse(element(body, "DateTo"));
      List<String> asked = Arrays.asList(element(body, "ISOCodes").split(","));
      return Optional.of(OfflineReply.ok(XML, range(market, from, to, asked)));
    } catch (DateTimeParseException | IllegalArgumentException unreadable) {
      return Optional.of(OfflineReply.status(500, XML, fault("Unable to read the request.")));
    }
  }

  private static String latest(OfflineMarket market) {
    LocalDate day = market.latest();
    LocalDate previous = market.latest(day.minusDays(1));
    StringBuilder rates = new StringBuilder();
    for (String code : market.currencies()) {
      rates
          .append("<ExchangeRate><ISO>")
          .append(code)
          .append("</ISO><Amount>")
          .append(amount(code))
          .append("</Amount><Rate>")
          .append(rate(market, day, code).toPlainString())
          .append("</Rate><Difference>")
          .append(difference(market, day, previous, code))
          .append("</Difference></ExchangeRate>");
    }
    return ENVELOPE
        + "<ExchangeRatesLatestResponse xmlns=\"http://www.cba.am/\"><ExchangeRatesLatestResult>"
        + "<CurrentDate>"
        + day
        + "T00:00:00</CurrentDate><NextAvailableDate xsi:nil=\"true\" /><PreviousAvailableDate>"
        + previous
        + "T00:00:00</PreviousAvailableDate><Rates>"
        + rates
        + "</Rates></ExchangeRatesLatestResult></ExchangeRatesLatestResponse>"
        + END;
  }

  private static String range(
      OfflineMarket market, LocalDate from, LocalDate to, List<String> asked) {
    StringBuilder rows = new StringBuilder();
    int order = 0;
    for (LocalDate day : market.days(from, to)) {
      LocalDate previous = market.latest(day.minusDays(1));
      for (String code : market.currencies()) {
        if (!asked.contains(code)) {
          continue;
        }
        rows.append("<ExchangeRatesByRange diffgr:id=\"ExchangeRatesByRange")
            .append(order + 1)
            .append("\" msdata:rowOrder=\"")
            .append(order++)
            .append("\"><Rate>")
            .append(rate(market, day, code).toPlainString())
            .append("</Rate><Amount>")
            .append(amount(code))
            .append("</Amount><ISO>")
            .append(code)
            .append("</ISO><Diff>")
            .append(difference(market, day, previous, code))
            .append("</Diff><RateDate>")
            .append(day)
            .append("T00:00:00+04:00</RateDate></ExchangeRatesByRange>");
      }
    }
    String diffgram =
        rows.isEmpty()
            ? "<diffgr:diffgram" + DIFFGRAM_NAMESPACES + " />"
            : "<diffgr:diffgram"
                + DIFFGRAM_NAMESPACES
                + "><DocumentElement xmlns=\"\">"
                + rows
                + "</DocumentElement></diffgr:diffgram>";
    return ENVELOPE
        + "<ExchangeRatesByDateRangeByISOResponse xmlns=\"http://www.cba.am/\">"
        + "<ExchangeRatesByDateRangeByISOResult>"
        + SCHEMA
        + diffgram
        + "</ExchangeRatesByDateRangeByISOResult></ExchangeRatesByDateRangeByISOResponse>"
        + END;
  }

  private static int amount(String code) {
    return AMOUNTS.getOrDefault(code, 1);
  }

  /** AMD per Amount units to five significant digits, trailing zeros dropped (4.082, 480.2). */
  private static BigDecimal rate(OfflineMarket market, LocalDate day, String code) {
    return market
        .homePer(day, code)
        .multiply(BigDecimal.valueOf(amount(code)))
        .round(FIVE_DIGITS)
        .stripTrailingZeros();
  }

  private static String difference(
      OfflineMarket market, LocalDate day, LocalDate previous, String code) {
    return rate(market, day, code)
        .subtract(rate(market, previous, code))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** The text of the request envelope's {@code name} element. */
  private static String element(String body, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(body);
    if (!m.find()) {
      throw new IllegalArgumentException("no " + name);
    }
    return m.group(1).strip();
  }

  private static String fault(String message) {
    return ENVELOPE
        + "<soap:Fault><faultcode>soap:Client</faultcode><faultstring>"
        + message
        + "</faultstring><detail /></soap:Fault>"
        + END;
  }
}
