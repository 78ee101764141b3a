package io.makerates.sources;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;

/**
 * One source's view of the offline market: its calendar (weekends, fixed holidays), today, and
 * EUR→X as this source sees it on a day. Sample answers are written from it, so every provider's
 * answer is a pure function of the day: the same request gives the same answer.
 */
public final class OfflineMarket {

  /** EUR→X as one source sees it on a day, or null for a currency the market has no rate for. */
  @FunctionalInterface
  public interface View {
    BigDecimal eurTo(LocalDate day, String currency);
  }

  private static final MathContext WORK = MathContext.DECIMAL64;

  private final LocalDate today;
  private final View view;
  private final SampleAnswers calendar;

  public OfflineMarket(LocalDate today, View view, SampleAnswers calendar) {
    this.today = today;
    this.view = view;
    this.calendar = calendar;
  }

  /** Today in the stub's clock: nothing is published after it. */
  public LocalDate today() {
    return today;
  }

  /** Whether the provider publishes on {@code day}. */
  public boolean publishes(LocalDate day) {
    boolean weekend =
        day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    return !day.isAfter(today)
        && (calendar.publishesOnWeekends() || !weekend)
        && !calendar.holidays().contains(MonthDay.from(day));
  }

  /** The newest publication day on or before {@code day} (and today). */
  public LocalDate latest(LocalDate day) {
    LocalDate d = day.isAfter(today) ? today : day;
    while (!publishes(d)) {
      d = d.minusDays(1);
    }
    return d;
  }

  /** The newest publication day. */
  public LocalDate latest() {
    return latest(today);
  }

  /** The publication days from {@code from} to {@code to}, both included, none after today. */
  public List<LocalDate> days(LocalDate from, LocalDate to) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to) && !d.isAfter(today); d = d.plusDays(1)) {
      if (publishes(d)) {
        days.add(d);
      }
    }
    return days;
  }

  /** Whether the market has a rate for {@code currency}; answers list only those. */
  public boolean quotes(String currency) {
    return currency.equals("EUR") || view.eurTo(today, currency) != null;
  }

  /** The provider's currencies the market has rates for, in the provider's order. */
  public List<String> currencies() {
    return calendar.currencies().stream().filter(this::quotes).toList();
  }

  /** EUR→X as this source sees it on {@code day}. */
  public BigDecimal eurTo(LocalDate day, String currency) {
    return currency.equals("EUR") ? BigDecimal.ONE : view.eurTo(day, currency);
  }

  /** Units of {@code currency} per one {@code base} on {@code day}, unrounded. */
  public BigDecimal per(LocalDate day, String base, String currency) {
    return eurTo(day, currency).divide(eurTo(day, base), WORK);
  }

  /**
   * The home currency's price of one unit of {@code currency} (how most central banks quote),
   * unrounded.
   */
  public BigDecimal homePer(LocalDate day, String currency) {
    return per(day, currency, calendar.home());
  }
}
