package io.makerates.sources.banrep;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TRM dataset of datos.gov.co ({@code 32sa-8pi3}) played offline: one record per TRM whose
 * {@code vigenciadesde} falls in the SoQL window, oldest first. The TRM of business day D is COP
 * per USD to two decimals (trailing zeros dropped, as Socrata's text numbers have them), in force
 * from D + 1 to the next business day (over the weekend, and over a holiday). A window without a
 * record answers {@code []}, as Socrata does.
 */
final class BanrepSamples implements SampleAnswers {

  private static final Pattern WINDOW =
      Pattern.compile(
          "vigenciadesde>='(\\d{4}-\\d{2}-\\d{2})T00:00:00\\.000' AND "
              + "vigenciadesde<='(\\d{4}-\\d{2}-\\d{2})T00:00:00\\.000'");

  @Override
  public List<String> currencies() {
    return List.of(BancoDeLaRepublicaParser.CURRENCY);
  }

  @Override
  public String home() {
    return BancoDeLaRepublicaSource.BASE;
  }

  /** Colombian holidays that never move to a Monday. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(5, 1),
        MonthDay.of(7, 20),
        MonthDay.of(8, 7),
        MonthDay.of(12, 8),
        MonthDay.of(12, 25));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!BancoDeLaRepublicaSource.DATASET.equals(request.path())) {
      return Optional.empty();
    }
    Matcher window = WINDOW.matcher(String.valueOf(request.param("$where")));
    LocalDate from;
    LocalDate to;
    try {
      if (!window.matches()) {
        throw new DateTimeParseException("no vigenciadesde window", "", 0);
      }
      from = LocalDate.parse(window.group(1));
      to = LocalDate.parse(window.group(2));
    } catch (DateTimeParseException unreadable) {
      return Optional.of(
          OfflineReply.status(
              400,
              "application/json;charset=utf-8",
              "{\"error\":true,\"message\":\"Invalid SoQL query\"}"));
    }
    // a TRM set on day D is in force from D + 1
    List<LocalDate> days = new ArrayList<>(market.days(from.minusDays(1), to.minusDays(1)));
    if (days.isEmpty() && to.minusDays(1).isAfter(market.today())) {
      days.add(market.latest()); // the stub's clock behind the adapter's: its newest TRM
    }
    StringBuilder json = new StringBuilder("[");
    for (LocalDate day : days) {
      json.append(json.length() == 1 ? "" : "\n,")
          .append("{\"valor\":\"")
          .append(
              market
                  .homePer(day, "USD")
                  .setScale(2, RoundingMode.HALF_UP)
                  .stripTrailingZeros()
                  .toPlainString())
          .append("\",\"unidad\":\"COP\",\"vigenciadesde\":\"")
          .append(day.plusDays(1))
          .append("T00:00:00.000\",\"vigenciahasta\":\"")
          .append(nextBusinessDay(day))
          .append("T00:00:00.000\"}");
    }
    return Optional.of(
        OfflineReply.ok("application/json;charset=utf-8", json.append("]").toString()));
  }

  /** The day the next TRM is set: the TRM of {@code day} is in force until then. */
  private LocalDate nextBusinessDay(LocalDate day) {
    LocalDate next = day.plusDays(1);
    while (next.getDayOfWeek() == DayOfWeek.SATURDAY
        || next.getDayOfWeek() == DayOfWeek.SUNDAY
        || holidays().contains(MonthDay.from(next))) {
      next = next.plusDays(1);
    }
    return next;
  }
}
