package io.makerates.api.history;

import io.makerates.api.rates.DayRates;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One past day's EUR rates in columns: the codes in order, each rate's unscaled value and scale.
 * Thirteen bytes a rate instead of a {@link BigDecimal}'s forty or more, so that 27 years (about a
 * million rates) fit in some 15 MB; still exact, since a decimal is its unscaled value and scale. A
 * rate whose digits do not fit a long (more than 18) is kept whole beside them. Immutable: a change
 * builds a new day, so a reader sees the day before or after it, never half of it.
 */
final class CompactDay {

  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final int key;
  private final String[] codes;
  private final long[] unscaled;
  private final byte[] scales;
  // null unless a rate needs more digits than a long holds
  private final BigDecimal[] wide;

  private CompactDay(int key, String[] codes, long[] unscaled, byte[] scales, BigDecimal[] wide) {
    this.key = key;
    this.codes = codes;
    this.unscaled = unscaled;
    this.scales = scales;
    this.wide = wide;
  }

  /** A day of the given rates, by code. */
  static CompactDay of(int key, SortedMap<String, BigDecimal> rates) {
    int n = rates.size();
    String[] codes = new String[n];
    long[] unscaled = new long[n];
    byte[] scales = new byte[n];
    BigDecimal[] wide = null;
    int i = 0;
    for (Map.Entry<String, BigDecimal> rate : rates.entrySet()) {
      codes[i] = rate.getKey().intern(); // some 150 codes, shared by every day
      BigDecimal value = rate.getValue();
      BigInteger digits = value.unscaledValue();
      if (fits(value, digits)) {
        unscaled[i] = digits.longValue();
        scales[i] = (byte) value.scale();
      } else {
        if (wide == null) {
          wide = new BigDecimal[n];
        }
        wide[i] = value;
      }
      i++;
    }
    return new CompactDay(key, codes, unscaled, scales, wide);
  }

  private static boolean fits(BigDecimal value, BigInteger digits) {
    return value.scale() >= Byte.MIN_VALUE
        && value.scale() <= Byte.MAX_VALUE
        && digits.compareTo(LONG_MIN) >= 0
        && digits.compareTo(LONG_MAX) <= 0;
  }

  /** The star schema's date key: 2026-03-04 is 20260304. */
  int key() {
    return key;
  }

  int size() {
    return codes.length;
  }

  /** Whether the day has a rate of any of {@code only} (of any currency when empty). */
  boolean quotesAny(Set<String> only) {
    if (only.isEmpty()) {
      return codes.length > 0;
    }
    for (String code : only) {
      if (Arrays.binarySearch(codes, code) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * This day with {@code changes} laid over it (a new revision replaces a rate); this same day when
   * they change nothing, as a read that reaches back over rates already read mostly finds.
   */
  CompactDay with(SortedMap<String, BigDecimal> changes) {
    TreeMap<String, BigDecimal> all = rates(Set.of());
    boolean changed = false;
    for (Map.Entry<String, BigDecimal> change : changes.entrySet()) {
      BigDecimal known = all.put(change.getKey(), change.getValue());
      changed |= known == null || !known.equals(change.getValue());
    }
    return changed ? of(key, all) : this;
  }

  /** The rates of {@code only} (every one when empty), as the day the answers are built from. */
  DayRates toDayRates(Set<String> only) {
    return new DayRates(date(key), rates(only));
  }

  private TreeMap<String, BigDecimal> rates(Set<String> only) {
    TreeMap<String, BigDecimal> rates = new TreeMap<>();
    for (int i = 0; i < codes.length; i++) {
      if (only.isEmpty() || only.contains(codes[i])) {
        rates.put(codes[i], value(i));
      }
    }
    return rates;
  }

  private BigDecimal value(int i) {
    return wide != null && wide[i] != null ? wide[i] : BigDecimal.valueOf(unscaled[i], scales[i]);
  }

  static LocalDate date(int key) {
    return DateKeys.date(key);
  }

  static int key(LocalDate date) {
    return DateKeys.key(date);
  }
}
