package io.makerates.sources.cnb;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The CNB's API played offline: {@code /exrates/daily} (the newest fixing, or with {@code date=}
 * the fixing valid on that day: the one before it on a day without a fixing) and {@code
 * /exrates/daily-year?year=Y} (every fixing of the year so far, {@code {"rates":[]}} for a year
 * without one). CZK per {@code amount} units (100 or 1000 for small units), three decimals with
 * trailing zeros kept.
 */
final class CzechNationalBankSamples implements SampleAnswers {

  /** The 30 currencies of the daily fixing, as the API lists them. */
  static final List<String> CURRENCIES =
      List.of(
          "AUD", "BRL", "CAD", "CHF", "CNY", "DKK", "EUR", "GBP", "HKD", "HUF", "IDR", "ILS", "INR",
          "ISK", "JPY", "KRW", "MXN", "MYR", "NOK", "NZD", "PHP", "PLN", "RON", "SEK", "SGD", "THB",
          "TRY", "USD", "XDR", "ZAR");

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return CzechNationalBankSource.BASE;
  }

  /** Czech public holidays of fixed date. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(5, 1),
        MonthDay.of(5, 8),
        MonthDay.of(7, 5),
        MonthDay.of(7, 6),
        MonthDay.of(9, 28),
        MonthDay.of(10, 28),
        MonthDay.of(11, 17),
        MonthDay.of(12, 24),
        MonthDay.of(12, 25),
        MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    List<LocalDate> days;
    switch (request.path()) {
      case "/exrates/daily" -> {
        String date = request.param("date");
        days = List.of(date == null ? market.latest() : market.latest(LocalDate.parse(date)));
      }
      case "/exrates/daily-year" -> {
        int year = Integer.parseInt(request.param("year"));
        days = market.days(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
      }
      default -> {
        return Optional.empty();
      }
    }
    StringBuilder rates = new StringBuilder();
    for (LocalDate day : days) {
      for (String currency : market.currencies()) {
        int amount = amount(currency);
        BigDecimal rate =
            market
                .homePer(day, currency)
                .multiply(BigDecimal.valueOf(amount))
                .setScale(3, RoundingMode.HALF_UP);
        rates
            .append(rates.isEmpty() ? "" : ",")
            .append("{\"currencyCode\":\"")
            .append(currency)
            .append("\",\"amount\":")
            .append(amount)
            .append(",\"validFor\":\"")
            .append(day)
            .append("\",\"rate\":")
            .append(rate.toPlainString())
            .append('}');
      }
    }
    return Optional.of(OfflineReply.ok("application/json", "{\"rates\":[" + rates + "]}"));
  }

  /** The units the CNB quotes a currency per. */
  static int amount(String currency) {
    return switch (currency) {
      case "HUF", "INR", "ISK", "JPY", "KRW", "PHP", "THB", "TRY" -> 100;
      case "IDR" -> 1000;
      default -> 1;
    };
  }
}
