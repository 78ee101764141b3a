package io.makerates.sources.boc;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bank of Canada Valet played offline: {@code /observations/group/FX_RATES_DAILY/json} with {@code
 * recent=1} (the newest business day) or {@code start_date}/{@code end_date} (every business day
 * between, an empty list when there is none), oldest first. Each {@code FX<X>CAD} is the CAD price
 * of one X as a string: four significant digits, at least four and at most six decimals, trailing
 * zeros kept (1.3617, 0.01475, 0.008550, 0.000081). Without dates it answers the whole series.
 */
final class BankOfCanadaSamples implements SampleAnswers {

  /** The 23 series with values in FX_RATES_DAILY, as Valet lists them (THB, MYR, VND have none). */
  static final List<String> CURRENCIES =
      List.of(
          "AUD", "BRL", "CNY", "EUR", "HKD", "INR", "IDR", "JPY", "MXN", "NZD", "NOK", "PEN", "RUB",
          "SAR", "SGD", "ZAR", "KRW", "SEK", "CHF", "TWD", "TRY", "GBP", "USD");

  private static final MathContext FOUR = new MathContext(4, RoundingMode.HALF_UP);

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return BankOfCanadaSource.BASE;
  }

  /** New Year, Canada Day, Remembrance Day, Christmas and Boxing Day. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(7, 1),
        MonthDay.of(11, 11),
        MonthDay.of(12, 25),
        MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!request.path().equals(BankOfCanadaSource.GROUP_PATH)) {
      return Optional.empty();
    }
    List<LocalDate> days;
    if (request.param("recent") != null) {
      days = List.of(market.latest());
    } else if (request.param("start_date") != null && request.param("end_date") != null) {
      days =
          market.days(
              LocalDate.parse(request.param("start_date")),
              LocalDate.parse(request.param("end_date")));
    } else {
      // the whole series since 2017: two years of it here
      days = market.days(market.today().minusYears(2), market.today());
    }
    return Optional.of(OfflineReply.ok("application/json", json(days, market)));
  }

  private static String json(List<LocalDate> days, OfflineMarket market) {
    StringBuilder series = new StringBuilder();
    for (String currency : market.currencies()) {
      series
          .append(series.isEmpty() ? "" : ",\n")
          .append("        \"FX")
          .append(currency)
          .append("CAD\": {\n            \"label\": \"")
          .append(currency)
          .append("/CAD\",\n            \"dimension\": {\"key\": \"d\", \"name\": \"Date\"}\n")
          .append("        }");
    }
    StringBuilder observations = new StringBuilder();
    for (LocalDate day : days) {
      observations
          .append(observations.isEmpty() ? "" : ",\n")
          .append("        {\n            \"d\": \"")
          .append(day)
          .append('"');
      for (String currency : market.currencies()) {
        observations
            .append(",\n            \"FX")
            .append(currency)
            .append("CAD\": {\n                \"v\": \"")
            .append(value(market.homePer(day, currency)))
            .append("\"\n            }");
      }
      observations.append("\n        }");
    }
    return """
        {
            "terms": {
                "url": "https://www.bankofcanada.ca/terms/"
            },
            "groupDetail": {
                "label": "Daily exchange rates",
                "description": "Daily average exchange rates - published once each business day \
        by 16:30 ET. All Bank of Canada exchange rates are indicative rates only.",
                "link": null
            },
            "seriesDetail": {
        %s
            },
            "observations": [
        %s
            ]
        }"""
        .formatted(series, observations);
  }

  /** Four significant digits, with four to six decimals. */
  static String value(BigDecimal cadPerUnit) {
    int scale = Math.min(6, Math.max(4, cadPerUnit.round(FOUR).scale()));
    return cadPerUnit.setScale(scale, RoundingMode.HALF_UP).toPlainString();
  }
}
