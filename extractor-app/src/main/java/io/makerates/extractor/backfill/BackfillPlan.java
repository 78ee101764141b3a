package io.makerates.extractor.backfill;

import io.makerates.sources.RateSource;
import io.makerates.sources.SourceRequest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The requests a backfill makes: BATCH asks the source's range endpoint for runs of consecutive
 * missing dates, at most {@code chunkDays} long; ISOLATED asks for each missing date alone. Dates
 * an earlier run already extracted are left out, so a stopped run resumes where it stopped.
 * Weekends are left out unless asked for: the reference rates are published on business days, and a
 * weekend request would only spend quota on Friday's rates again.
 */
public record BackfillPlan(
    List<SourceRequest> requests,
    int datesInRange,
    int datesAlreadyExtracted,
    int weekendDatesLeftOut) {

  public enum Mode {
    BATCH,
    ISOLATED
  }

  public BackfillPlan {
    requests = List.copyOf(requests);
  }

  public static BackfillPlan build(
      RateSource source,
      LocalDate from,
      LocalDate to,
      Mode mode,
      int chunkDays,
      boolean includeWeekends,
      Set<LocalDate> extracted) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    if (chunkDays < 1) {
      throw new IllegalArgumentException("--chunk-days must be at least 1, not " + chunkDays);
    }
    List<LocalDate> missing = new ArrayList<>();
    int days = 0;
    int done = 0;
    int weekends = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days++;
      if (!includeWeekends
          && (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY)) {
        weekends++;
      } else if (extracted.contains(d)) {
        done++;
      } else {
        missing.add(d);
      }
    }
    List<SourceRequest> requests = new ArrayList<>();
    if (mode == Mode.ISOLATED) {
      missing.forEach(d -> requests.add(source.day(d)));
    } else {
      // a run continues across left-out weekends: asking Mon..Fri of two weeks in one range costs
      // one request
      int i = 0;
      while (i < missing.size()) {
        LocalDate start = missing.get(i);
        LocalDate end = start;
        int j = i + 1;
        while (j < missing.size()
            && !missing.get(j).isAfter(start.plusDays(chunkDays - 1))
            && onlyLeftOutBetween(end, missing.get(j), includeWeekends, extracted)) {
          end = missing.get(j);
          j++;
        }
        requests.add(start.equals(end) ? source.day(start) : source.range(start, end));
        i = j;
      }
    }
    return new BackfillPlan(requests, days, done, weekends);
  }

  /**
   * True when every date strictly between {@code a} and {@code b} is a left-out weekend day (none
   * was extracted).
   */
  private static boolean onlyLeftOutBetween(
      LocalDate a, LocalDate b, boolean includeWeekends, Set<LocalDate> extracted) {
    for (LocalDate d = a.plusDays(1); d.isBefore(b); d = d.plusDays(1)) {
      boolean weekend =
          d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
      if (includeWeekends || !weekend || extracted.contains(d)) {
        return false;
      }
    }
    return true;
  }
}
