package io.makerates.api.history;

import java.time.LocalDate;
import java.util.Collections;
import java.util.SortedMap;

/** One day's EUR-pivot rates as recorded, by quote. */
public record RecordedDay(LocalDate date, SortedMap<String, RecordedRate> rates) {

  /** {@code rates} is taken over, not copied: a day is built once and then only read. */
  public RecordedDay {
    rates = Collections.unmodifiableSortedMap(rates);
  }
}
