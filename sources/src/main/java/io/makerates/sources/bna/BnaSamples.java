package io.makerates.sources.bna;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The BNA's {@code /taxas/get/evolucao/taxa/intervalo} played offline: the mid reference rates
 * ({@code tipoCambio} M) of the business days of the window, oldest day first, AOA per unit to five
 * decimals (trailing zeros dropped, as the service's numbers have them). {@code moeda=ALL} answers
 * every currency, as the real service does; another code that one alone. The Portuguese currency
 * names ({@code designacaoMoeda}) are left out; the parser does not read them. A window without
 * rates answers an empty {@code genericResponse} with {@code "success":true}.
 */
final class BnaSamples implements SampleAnswers {

  /** The currencies of the moeda=ALL answer, in its order (XAU and XDRUSD are no currencies). */
  static final List<String> CURRENCIES =
      List.of(
          "CAD", "CHF", "DKK", "EUR", "CVE", "NOK", "ZAR", "SEK", "USD", "GBP", "AUD", "JPY", "NAD",
          "BRL", "CNY", "AED", "ZMK", "HKD", "INR", "XAF", "ARS", "CDF", "MAD", "RON", "SAR", "RUB",
          "PEN", "BSD", "TTD", "NZD", "HRK", "CUP", "ETB", "BWP", "CZK", "MXN", "SGD", "BOB", "STD",
          "VND", "JMD", "KRW", "MYR", "THB", "TZS", "LBP", "PKR", "TWD", "ALL", "KWD", "KES", "HUF",
          "IDR", "PLN", "LSL", "UAH", "VEF", "KZT", "IQD", "BGN", "NGN", "LKR", "CRC", "ILS", "QAR",
          "EGP", "EEK", "BMD", "MZN");

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return BancoNacionalDeAngolaSource.BASE;
  }

  /** Angolan holidays of fixed date. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(2, 4),
        MonthDay.of(3, 8),
        MonthDay.of(3, 23),
        MonthDay.of(4, 4),
        MonthDay.of(5, 1),
        MonthDay.of(9, 17),
        MonthDay.of(11, 2),
        MonthDay.of(11, 11),
        MonthDay.of(12, 25));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!BancoNacionalDeAngolaSource.PATH.equals(request.path())) {
      return Optional.empty();
    }
    LocalDate from;
    LocalDate to;
    try {
      from = LocalDate.parse(String.valueOf(request.param("datainicio")));
      to = LocalDate.parse(String.valueOf(request.param("datafim")));
    } catch (DateTimeParseException notADate) {
      return Optional.of(
          OfflineReply.status(
              400, "application/json", "{\"genericResponse\":[],\"success\":false}"));
    }
    List<LocalDate> days = market.days(from, to);
    if (days.isEmpty() && to.isAfter(market.today())) {
      days = List.of(market.latest()); // the stub's clock behind the adapter's: its newest day
    }
    String moeda = request.param("moeda");
    boolean mid = BancoNacionalDeAngolaParser.MID.equals(request.param("tipocambio"));
    List<String> asked =
        BancoNacionalDeAngolaSource.EVERY_CURRENCY.equals(moeda)
            ? market.currencies()
            : market.currencies().stream().filter(c -> c.equals(moeda)).toList();
    StringBuilder json = new StringBuilder("{\"genericResponse\":[");
    for (LocalDate day : mid ? days : List.<LocalDate>of()) {
      for (String currency : asked) {
        json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
            .append("{\"taxa\":")
            .append(
                market
                    .homePer(day, currency)
                    .setScale(5, RoundingMode.HALF_UP)
                    .stripTrailingZeros()
                    .toPlainString())
            .append(",\"descricaoTipoCambio\":\"Taxa de Referência - MEDIO\",\"tipoCambio\":\"M\"")
            .append(",\"data\":\"")
            .append(day)
            .append("\",\"codigoMoeda\":\"")
            .append(currency)
            .append("\"}");
      }
    }
    return Optional.of(
        OfflineReply.ok("application/json", json.append("],\"success\":true}").toString()));
  }
}
