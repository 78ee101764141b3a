package io.makerates.streams;

import io.makerates.schema.internal.SourceHistoryDay;
import io.makerates.streams.history.HistoryCheck;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The sources' daily values as the history check reads them: the state store (key {@code
 * source|date}) is the truth, and each source's latest days are also kept parsed in memory, because
 * reading and parsing the 21 days before every answer from RocksDB cost more than the check itself.
 * The memory holds, for a source, every stored day from some date on (a suffix of its history), so
 * a read that falls inside it is the same as reading the store; anything earlier is read from the
 * store. It is rebuilt from the store whenever the processor is initialised (a restart, a
 * rebalance, a task revived after an aborted transaction), so it never holds what the store does
 * not.
 */
final class SourceHistoryStore {

  private static final String FIRST_DAY = "0000-01-01";
  private static final String LAST_DAY = "9999-12-31";

  /**
   * Days kept in memory per source, in lookbacks: every check of a live or forward run, bounded for
   * a long history.
   */
  private static final int KEPT_LOOKBACKS = 6;

  private final KeyValueStore<String, SourceHistoryDay> store;
  private final Map<String, Suffix> memory = new HashMap<>();
  private final int kept;

  /**
   * Every stored day of a source on or after {@code from}; {@code from} null: the whole history.
   */
  private static final class Suffix {
    final NavigableMap<LocalDate, Map<String, BigDecimal>> days = new TreeMap<>();
    LocalDate from;
  }

  SourceHistoryStore(KeyValueStore<String, SourceHistoryDay> store, int lookback) {
    this.store = store;
    this.kept = KEPT_LOOKBACKS * lookback;
  }

  SourceHistoryDay get(String source, LocalDate date) {
    return store.get(key(source, date.toString()));
  }

  void put(String source, LocalDate date, SourceHistoryDay day) {
    store.put(key(source, date.toString()), day);
    Suffix suffix = suffix(source);
    if (suffix.from == null || !date.isBefore(suffix.from)) {
      suffix.days.put(date, parsed(day));
      while (suffix.days.size() > kept) {
        suffix.days.pollFirstEntry();
        suffix.from = suffix.days.firstKey();
      }
    }
  }

  /** The source's days before {@code date}, most recent first, at most {@code count}. */
  List<HistoryCheck.EarlierDay> before(String source, LocalDate date, int count) {
    Suffix suffix = suffix(source);
    List<HistoryCheck.EarlierDay> days = new ArrayList<>(count);
    if (suffix.from == null || date.isAfter(suffix.from)) {
      for (var entry : suffix.days.headMap(date, false).descendingMap().entrySet()) {
        if (days.size() == count) {
          return days;
        }
        days.add(new HistoryCheck.EarlierDay(entry.getKey(), entry.getValue()));
      }
      if (days.size() == count || suffix.from == null) {
        return days;
      }
    }
    days.clear();
    try (KeyValueIterator<String, SourceHistoryDay> it =
        store.reverseRange(key(source, FIRST_DAY), key(source, date.minusDays(1).toString()))) {
      while (it.hasNext() && days.size() < count) {
        days.add(earlierDay(it.next()));
      }
    }
    return days;
  }

  /** The source's days after {@code date}, oldest first, at most {@code count}. */
  List<HistoryCheck.EarlierDay> after(String source, LocalDate date, int count) {
    List<HistoryCheck.EarlierDay> days = new ArrayList<>(count);
    try (KeyValueIterator<String, SourceHistoryDay> it =
        store.range(key(source, date.plusDays(1).toString()), key(source, LAST_DAY))) {
      while (it.hasNext() && days.size() < count) {
        days.add(earlierDay(it.next()));
      }
    }
    return days;
  }

  /** The memory of a source, loaded from the store's latest days on first use. */
  private Suffix suffix(String source) {
    return memory.computeIfAbsent(
        source,
        s -> {
          Suffix suffix = new Suffix();
          try (KeyValueIterator<String, SourceHistoryDay> it =
              store.reverseRange(key(s, FIRST_DAY), key(s, LAST_DAY))) {
            while (it.hasNext() && suffix.days.size() < kept) {
              HistoryCheck.EarlierDay day = earlierDay(it.next());
              suffix.days.put(day.date(), day.rates());
            }
            // more days than kept: the memory starts at the oldest one loaded; otherwise it holds
            // them all
            suffix.from = it.hasNext() ? suffix.days.firstKey() : null;
          }
          return suffix;
        });
  }

  private static HistoryCheck.EarlierDay earlierDay(KeyValue<String, SourceHistoryDay> entry) {
    LocalDate date = LocalDate.parse(entry.key.substring(entry.key.lastIndexOf('|') + 1));
    return new HistoryCheck.EarlierDay(date, parsed(entry.value));
  }

  private static Map<String, BigDecimal> parsed(SourceHistoryDay day) {
    Map<String, BigDecimal> rates = new HashMap<>(day.getRates().size() * 2);
    day.getRates().forEach((quote, rate) -> rates.put(quote, new BigDecimal(rate)));
    return rates;
  }

  private static String key(String source, String date) {
    return source + "|" + date;
  }
}
