package io.makerates.extractor;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a source is polled. Most sources are polled every few hours ({@link Every}); a first-party
 * daily publisher such as the ECB is polled after its publication time in its own time zone, on
 * weekdays, and polled again every {@code recheck} until the answer carries the new date or {@code
 * until} is reached (a holiday publishes nothing).
 */
public sealed interface SourceSchedule {

  /** The first poll of a process started at {@code now}. */
  Instant first(Instant now);

  /**
   * The poll after one that ended at {@code now}; {@code newDatePublished} says whether it brought
   * today's rates.
   */
  Instant next(Instant now, boolean newDatePublished);

  /**
   * Whether an answer for {@code date} is the one this schedule waits for (always true for an
   * interval).
   */
  boolean isCurrent(LocalDate date, Instant now);

  record Every(Duration interval) implements SourceSchedule {
    @Override
    public Instant first(Instant now) {
      return now;
    }

    @Override
    public Instant next(Instant now, boolean newDatePublished) {
      return now.plus(interval);
    }

    @Override
    public boolean isCurrent(LocalDate date, Instant now) {
      return true;
    }

    @Override
    public String toString() {
      return "every " + interval;
    }
  }

  record Daily(LocalTime at, ZoneId zone, Duration recheck, LocalTime until)
      implements SourceSchedule {

    public Daily {
      if (!until.isAfter(at)) {
        throw new IllegalArgumentException(
            "the recheck window ends (" + until + ") before the publication time (" + at + ")");
      }
    }

    @Override
    public Instant first(Instant now) {
      ZonedDateTime local = now.atZone(zone);
      LocalTime time = local.toLocalTime();
      if (isWeekday(local.toLocalDate()) && !time.isBefore(at) && time.isBefore(until)) {
        return now; // started inside today's window: poll at once
      }
      return nextPublication(local);
    }

    @Override
    public Instant next(Instant now, boolean newDatePublished) {
      ZonedDateTime local = now.atZone(zone);
      ZonedDateTime again = local.plus(recheck);
      if (!newDatePublished
          && isWeekday(local.toLocalDate())
          && !local.toLocalTime().isBefore(at)
          && again.toLocalDate().equals(local.toLocalDate())
          && !again.toLocalTime().isAfter(until)) {
        return again.toInstant();
      }
      return nextPublication(local);
    }

    @Override
    public boolean isCurrent(LocalDate date, Instant now) {
      return !date.isBefore(now.atZone(zone).toLocalDate());
    }

    /** The first publication time strictly after {@code local}. */
    private Instant nextPublication(ZonedDateTime local) {
      LocalDate day =
          local.toLocalTime().isBefore(at) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
      while (!isWeekday(day)) {
        day = day.plusDays(1);
      }
      return day.atTime(at).atZone(zone).toInstant();
    }

    private static boolean isWeekday(LocalDate day) {
      return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    @Override
    public String toString() {
      return "weekdays at "
          + at
          + " "
          + zone
          + ", again every "
          + recheck
          + " until "
          + until
          + " until the new date appears";
    }
  }
}
