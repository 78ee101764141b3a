package io.makerates.sources.sarb;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SARB's {@code GetTimeseriesObservations} played offline for the series this type asks, the
 * rand per euro (EXCZ002D): one observation per business day of the window in the path, newest
 * first, four decimals (trailing zeros dropped, as the API's numbers have them). A window without a
 * business day answers {@code []}; another series is not played (404).
 */
final class SarbSamples implements SampleAnswers {

  private static final String PREFIX =
      "/GetTimeseriesObservations/" + SouthAfricanReserveBankSource.EURO_SERIES + "/";
  private static final DateTimeFormatter PATH =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T00:00:00'");
  private static final String DESCRIPTION =
      "Weighted average of the banks' daily rates at approximately 10:30 am. Weights are based on"
          + " the banks' foreign exchange transactions.";

  @Override
  public List<String> currencies() {
    return List.of("EUR");
  }

  @Override
  public String home() {
    return SouthAfricanReserveBankSource.BASE;
  }

  /** South African public holidays of fixed date. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(3, 21),
        MonthDay.of(4, 27),
        MonthDay.of(5, 1),
        MonthDay.of(6, 16),
        MonthDay.of(8, 9),
        MonthDay.of(9, 24),
        MonthDay.of(12, 16),
        MonthDay.of(12, 25),
        MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!request.path().startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] bounds = request.path().substring(PREFIX.length()).split("/");
    LocalDate from;
    LocalDate to;
    try {
      if (bounds.length != 2) {
        return Optional.empty();
      }
      from = LocalDate.parse(bounds[0], PATH);
      to = LocalDate.parse(bounds[1], PATH);
    } catch (DateTimeParseException unreadable) {
      return Optional.empty();
    }
    List<LocalDate> days = market.days(from, to);
    if (days.isEmpty() && to.isAfter(market.today())) {
      days = List.of(market.latest()); // the stub's clock behind the adapter's: its newest day
    }
    StringBuilder json = new StringBuilder("[");
    for (LocalDate day : days.reversed()) {
      json.append(json.length() == 1 ? "" : ",")
          .append("{\"Period\":\"")
          .append(PATH.format(day))
          .append("\",\"Timeseries\":\"Rand per Euro\",\"Description\":\"")
          .append(DESCRIPTION)
          .append("\",\"Value\":")
          .append(
              market
                  .homePer(day, "EUR")
                  .setScale(4, RoundingMode.HALF_UP)
                  .stripTrailingZeros()
                  .toPlainString())
          .append(",\"FormatNumber\":\"0.0000\",\"FormatDate\":\"yyyy-MM-dd\"}");
    }
    return Optional.of(
        OfflineReply.ok("application/json; charset=utf-8", json.append("]").toString()));
  }
}
