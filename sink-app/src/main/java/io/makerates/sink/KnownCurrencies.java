package io.makerates.sink;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The codes of dim_currency as the sink's writers check silver records against them, one copy for
 * all writers. A code not in it re-reads the table (at most once a minute) in case it was added.
 */
final class KnownCurrencies {

  private static final Duration RELOAD_INTERVAL = Duration.ofMinutes(1);

  private final StarSchemaWriter store;
  private final AtomicReference<Set<String>> codes = new AtomicReference<>(Set.of());
  private volatile long loadedAt;

  KnownCurrencies(StarSchemaWriter store) {
    this.store = store;
  }

  boolean contains(String code) {
    if (codes.get().contains(code)) {
      return true;
    }
    if (System.nanoTime() - loadedAt > RELOAD_INTERVAL.toNanos()) {
      try {
        reload();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read dim_currency: " + e.getMessage(), e);
      }
    }
    return codes.get().contains(code);
  }

  /** Reads dim_currency again. */
  void reload() throws SQLException {
    codes.set(Set.copyOf(store.currencyCodes()));
    loadedAt = System.nanoTime();
  }
}
