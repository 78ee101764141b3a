package io.makerates.api.gold;

import io.makerates.api.rates.DayRates;
import io.makerates.schema.GoldRate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest rate of every EUR pair, as the gold topic last said it: updated record by record by
 * {@link GoldFollower}, read by every request. The newest day is the one "latest" answers; a
 * currency whose last rate is older (a weekly or monthly publisher's) is left out of it rather than
 * shown under a date that is not its own.
 */
public final class LatestRates {

  private final Map<String, GoldRate> byQuote = new ConcurrentHashMap<>();
  private final AtomicLong changes = new AtomicLong();
  // rebuilt after a change, so that a request reads one whole day; the change count it was built at
  // tells a record that arrived while it was built
  private volatile Snapshot snapshot;

  private record Snapshot(long changes, DayRates day) {}

  /** A gold record: the latest rate of its pair; {@code null} value (a tombstone) removes it. */
  public void accept(String pair, GoldRate rate) {
    if (pair == null || !pair.startsWith(DayRates.PIVOT + "/")) {
      return; // derived bases (USD/X) are crosses of the EUR pairs: computed again per request
    }
    String quote = pair.substring(DayRates.PIVOT.length() + 1);
    if (rate == null) {
      byQuote.remove(quote);
    } else {
      byQuote.merge(quote, rate, LatestRates::newer);
    }
    changes.incrementAndGet();
  }

  /** The newest day's rates, empty before any gold record arrived. */
  public Optional<DayRates> newest() {
    Snapshot known = snapshot;
    long now = changes.get();
    if (known == null || known.changes() != now) {
      known = new Snapshot(now, build());
      snapshot = known;
    }
    DayRates day = known.day();
    return day.eurTo().isEmpty() ? Optional.empty() : Optional.of(day);
  }

  /** The latest record of a pair, with its status, spread, flags and revision. */
  public Optional<GoldRate> of(String quote) {
    return Optional.ofNullable(byQuote.get(quote));
  }

  private DayRates build() {
    LocalDate date =
        byQuote.values().stream().map(GoldRate::getDate).max(LocalDate::compareTo).orElse(null);
    TreeMap<String, BigDecimal> rates = new TreeMap<>();
    byQuote.forEach(
        (quote, rate) -> {
          if (rate.getDate().equals(date)) {
            rates.put(quote, new BigDecimal(rate.getRate()));
          }
        });
    return new DayRates(date, rates);
  }

  /** A replayed older record never replaces a newer one: the later date, then revision, wins. */
  private static GoldRate newer(GoldRate known, GoldRate incoming) {
    int byDate = incoming.getDate().compareTo(known.getDate());
    if (byDate != 0) {
      return byDate > 0 ? incoming : known;
    }
    return incoming.getRevision() >= known.getRevision() ? incoming : known;
  }
}
