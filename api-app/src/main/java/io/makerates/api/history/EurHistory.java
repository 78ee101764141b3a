package io.makerates.api.history;

import io.makerates.api.rates.DayRates;
import io.makerates.api.rates.NotReady;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * Every past day's EUR rates, in memory: what a day or a range of days is answered from, so that a
 * year of rates is a walk over some 260 compact days rather than 5,000 rows from PostgreSQL per
 * request (which held a one-year range at 130 answers a second, the database's backends using most
 * of both cores). Filled and kept current by {@link HistoryRefresh}; safe to read while it changes,
 * day by day.
 */
public final class EurHistory {

  /** The days a range spans: from the last day with rates on or before its start, to its end. */
  public record Span(LocalDate from, LocalDate to) {}

  private final ConcurrentSkipListMap<Integer, CompactDay> days = new ConcurrentSkipListMap<>();
  private volatile boolean filled;

  /** Lays rates over the days they belong to, by date key and code. */
  void apply(SortedMap<Integer, SortedMap<String, BigDecimal>> changes) {
    changes.forEach(
        (key, rates) -> {
          CompactDay known = days.get(key);
          CompactDay updated = known == null ? CompactDay.of(key, rates) : known.with(rates);
          if (updated != known) {
            days.put(key, updated);
          }
        });
  }

  /** Marks the first fill done: from then on the history answers. */
  void filled() {
    filled = true;
  }

  /** Whether the first fill is done. */
  public boolean isFilled() {
    return filled;
  }

  /** The days held. */
  public int dayCount() {
    return days.size();
  }

  /** The rates held, over every day. */
  public long rateCount() {
    return days.values().stream().mapToLong(CompactDay::size).sum();
  }

  /**
   * The last day with rates on or before {@code date}, with its rates of {@code only} (every
   * currency when empty).
   */
  public Optional<DayRates> onOrBefore(LocalDate date, Set<String> only) {
    requireFilled();
    Map.Entry<Integer, CompactDay> day = days.floorEntry(CompactDay.key(date));
    return day == null ? Optional.empty() : Optional.of(day.getValue().toDayRates(only));
  }

  /**
   * The days with rates of {@code only} (of any currency when empty) a range from {@code start} to
   * {@code end} covers: it begins at the last such day on or before its start (the first after it
   * when there is none), as Frankfurter's does; empty when it holds none.
   */
  public Optional<Span> span(LocalDate start, LocalDate end, Set<String> only) {
    requireFilled();
    int startKey = CompactDay.key(start);
    Integer from = lastQuoting(days.headMap(startKey, true), only);
    if (from == null) {
      from = firstQuoting(days.tailMap(startKey, true), only);
    }
    Integer to = lastQuoting(days.headMap(CompactDay.key(end), true), only);
    if (from == null || to == null || to < from) {
      return Optional.empty();
    }
    return Optional.of(new Span(CompactDay.date(from), CompactDay.date(to)));
  }

  /**
   * Every day with rates of {@code only} (every currency when empty) from {@code from} to {@code
   * to}, oldest first, one at a time.
   */
  public void range(LocalDate from, LocalDate to, Set<String> only, Consumer<DayRates> each) {
    requireFilled();
    for (CompactDay day :
        days.subMap(CompactDay.key(from), true, CompactDay.key(to), true).values()) {
      if (day.quotesAny(only)) {
        each.accept(day.toDayRates(only));
      }
    }
  }

  private void requireFilled() {
    if (!filled) {
      throw new NotReady("past rates are still being read at start; try again");
    }
  }

  private static Integer lastQuoting(NavigableMap<Integer, CompactDay> days, Set<String> only) {
    for (CompactDay day : days.descendingMap().values()) {
      if (day.quotesAny(only)) {
        return day.key();
      }
    }
    return null;
  }

  private static Integer firstQuoting(NavigableMap<Integer, CompactDay> days, Set<String> only) {
    for (CompactDay day : days.values()) {
      if (day.quotesAny(only)) {
        return day.key();
      }
    }
    return null;
  }
}
