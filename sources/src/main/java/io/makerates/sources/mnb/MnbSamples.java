package io.makerates.sources.mnb;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MNB's SOAP operation {@code GetExchangeRates} played offline: the POSTed envelope's {@code
 * startDate}, {@code endDate} and {@code currencyNames} choose the business days (newest first) and
 * currencies (in the bank's order) of an {@code MNBExchangeRates} document, escaped inside the
 * response envelope's {@code GetExchangeRatesResult}. Rates are HUF per {@code unit} (100 for IDR,
 * JPY, KRW) with two decimals and a decimal comma. A window without business days answers an empty
 * {@code MNBExchangeRates}; a body without the operation answers a SOAP fault.
 */
final class MnbSamples implements SampleAnswers {

  /** The 32 currencies of the daily list, in the bank's order. */
  static final List<String> CURRENCIES =
      List.of(
          "AUD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EUR", "GBP", "HKD", "IDR", "ILS", "INR",
          "ISK", "JPY", "KRW", "MXN", "MYR", "NOK", "NZD", "PHP", "PLN", "RON", "RSD", "RUB", "SEK",
          "SGD", "THB", "TRY", "UAH", "USD", "ZAR");

  private static final Set<String> PER_HUNDRED = Set.of("IDR", "JPY", "KRW");
  private static final String XML = "text/xml; charset=utf-8";

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return MagyarNemzetiBankSource.BASE;
  }

  /** Hungarian holidays of fixed date. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(3, 15),
        MonthDay.of(5, 1),
        MonthDay.of(8, 20),
        MonthDay.of(10, 23),
        MonthDay.of(11, 1),
        MonthDay.of(12, 24),
        MonthDay.of(12, 25),
        MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!request.path().isEmpty() && !"/".equals(request.path())) {
      return Optional.empty();
    }
    String body = request.body() == null ? "" : request.body();
    LocalDate from;
    LocalDate to;
    try {
      from = LocalDate.parse(element(body, "startDate"));
      to = LocalDate.parse(element(body, "endDate"));
    } catch (DateTimeParseException | IllegalArgumentException unreadable) {
      return Optional.of(OfflineReply.status(500, XML, fault("Invalid GetExchangeRates request")));
    }
    List<String> asked = Arrays.asList(element(body, "currencyNames").split(","));
    List<LocalDate> days = market.days(from, to);
    if (days.isEmpty() && to.isAfter(market.today())) {
      days = List.of(market.latest()); // the stub's clock behind the adapter's: its newest day
    }
    StringBuilder rates = new StringBuilder("<MNBExchangeRates>");
    for (LocalDate day : days.reversed()) {
      rates.append("<Day date=\"").append(day).append("\">");
      for (String currency : market.currencies()) {
        if (!asked.contains(currency)) {
          continue;
        }
        int unit = PER_HUNDRED.contains(currency) ? 100 : 1;
        BigDecimal value =
            market
                .homePer(day, currency)
                .multiply(BigDecimal.valueOf(unit))
                .setScale(2, RoundingMode.HALF_UP);
        rates
            .append("<Rate unit=\"")
            .append(unit)
            .append("\" curr=\"")
            .append(currency)
            .append("\">")
            .append(value.toPlainString().replace('.', ','))
            .append("</Rate>");
      }
      rates.append("</Day>");
    }
    rates.append("</MNBExchangeRates>");
    String escaped =
        rates.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return Optional.of(
        OfflineReply.ok(
            XML,
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<GetExchangeRatesResponse xmlns=\"http://www.mnb.hu/webservices/\" "
                + "xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"><GetExchangeRatesResult>"
                + escaped
                + "</GetExchangeRatesResult></GetExchangeRatesResponse></s:Body></s:Envelope>"));
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
    return "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>"
        + "<faultcode>s:Client</faultcode><faultstring xml:lang=\"en-US\">"
        + message
        + "</faultstring></s:Fault></s:Body></s:Envelope>";
  }
}
