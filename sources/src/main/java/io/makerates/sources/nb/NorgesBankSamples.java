package io.makerates.sources.nb;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Norges Bank's SDMX query {@code EXR/B..NOK.SP?format=csvdata} played offline: flat SDMX-CSV, LF,
 * grouped by series in the real answer's order, NOK per 10^{@code UNIT_MULT} units to the series'
 * {@code DECIMALS} with trailing zeros stripped, the krone indices TWI and I44 among them; {@code
 * lastNObservations=1} is each series' newest day, a period without observations SDMX REST's 404.
 */
final class NorgesBankSamples implements SampleAnswers {

  /**
   * Every series of a real answer, in its order: base code, DECIMALS, UNIT_MULT (TWI and I44 are
   * indices, not currencies; they and XDR are CALCULATED).
   */
  private static final String SERIES =
      "HUF 4 2, DKK 2 2, MMK 4 2, XDR 5 0, TRY 2 2, RON 2 2, NZD 4 0, JPY 4 2, HKD 4 0, CZK 3 2,"
          + " CAD 4 0, BDT 2 2, USD 4 0, THB 3 2, PLN 4 0, AUD 4 0, MYR 4 0, INR 3 2, IDR 6 2,"
          + " GBP 4 0, CNY 2 2, BRL 4 0, VND 4 2, BYN 4 0, TWI 2 0, SGD 4 0, PKR 3 2, MXN 2 2,"
          + " ILS 4 0, I44 2 0, EUR 4 0, CHF 2 2, ISK 2 2, ZAR 4 0, TWD 3 2, SEK 2 2, PHP 3 2,"
          + " KRW 4 2";

  private static final Set<String> CALCULATED = Set.of("XDR", "TWI", "I44");

  /** The 36 currencies of the series (the indices left out), in their order. */
  static final List<String> CURRENCIES =
      series().stream()
          .map(s -> s[0])
          .filter(code -> !NorgesBankParser.INDICES.contains(code))
          .toList();

  private static final String HEADER =
      "FREQ,BASE_CUR,QUOTE_CUR,TENOR,DECIMALS,CALCULATED,UNIT_MULT,COLLECTION,TIME_PERIOD,OBS_VALUE";

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return NorgesBankSource.BASE;
  }

  /** New Year, Labour Day, Constitution Day, Christmas and Boxing Day. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(5, 1),
        MonthDay.of(5, 17),
        MonthDay.of(12, 25),
        MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!NorgesBankSource.PATH.equals(request.path())
        || !"csvdata".equals(request.param("format"))) {
      return Optional.empty();
    }
    List<LocalDate> days;
    if (request.param("lastNObservations") != null) {
      days = List.of(market.latest());
    } else if (request.param("startPeriod") != null && request.param("endPeriod") != null) {
      days =
          market.days(
              LocalDate.parse(request.param("startPeriod")),
              LocalDate.parse(request.param("endPeriod")));
    } else {
      days = market.days(market.today().minusYears(2), market.today());
    }
    if (days.isEmpty()) {
      return Optional.of(OfflineReply.status(404, "text/plain", "NoResultsFound"));
    }
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (String[] series : series()) {
      String code = series[0];
      boolean index = NorgesBankParser.INDICES.contains(code);
      if (!index && !market.quotes(code)) {
        continue;
      }
      int decimals = Integer.parseInt(series[1]);
      int unitMult = Integer.parseInt(series[2]);
      for (LocalDate day : days) {
        BigDecimal value =
            index
                ? new BigDecimal("TWI".equals(code) ? "113.45" : "108.12")
                : market.homePer(day, code).scaleByPowerOfTen(unitMult);
        csv.append("B,")
            .append(code)
            .append(",NOK,SP,")
            .append(decimals)
            .append(',')
            .append(CALCULATED.contains(code))
            .append(',')
            .append(unitMult)
            .append(",C,")
            .append(day)
            .append(',')
            .append(
                value.setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString())
            .append('\n');
      }
    }
    return Optional.of(OfflineReply.ok("text/csv; charset=utf-8", csv.toString()));
  }

  private static List<String[]> series() {
    List<String[]> series = new ArrayList<>();
    for (String entry : SERIES.split(",")) {
      series.add(entry.strip().split(" "));
    }
    return series;
  }
}
