package io.makerates.api.rates;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One day's rates against the EUR pivot, exact as the consensus decided them, and any base's rates
 * computed through the pivot: base→X = EUR→X / EUR→base, the way Frankfurter rebases too.
 */
public record DayRates(LocalDate date, SortedMap<String, BigDecimal> eurTo) {

  public static final String PIVOT = "EUR";

  /** Cross rates carry 20 significant digits before the response rounds them. */
  public static final MathContext CROSS = new MathContext(20, RoundingMode.HALF_EVEN);

  /** {@code eurTo} is taken over, not copied: a day is built once and then only read. */
  public DayRates {
    eurTo = Collections.unmodifiableSortedMap(eurTo);
  }

  /** Whether the day has a rate of {@code currency} (EUR always). */
  public boolean quotes(String currency) {
    return PIVOT.equals(currency) || eurTo.containsKey(currency);
  }

  /**
   * {@code amount} of {@code base} in each of {@code symbols} (every currency of the day but the
   * base when empty), by code; a symbol the day does not quote is left out.
   */
  public SortedMap<String, BigDecimal> against(
      String base, Set<String> symbols, BigDecimal amount) {
    BigDecimal eurToBase = PIVOT.equals(base) ? BigDecimal.ONE : eurTo.get(base);
    SortedMap<String, BigDecimal> rates = new TreeMap<>();
    boolean oneUnit = amount.compareTo(BigDecimal.ONE) == 0;
    if (eurToBase == null) {
      return rates;
    }
    if (!PIVOT.equals(base) && (symbols.isEmpty() || symbols.contains(PIVOT))) {
      rates.put(PIVOT, amount.divide(eurToBase, CROSS));
    }
    eurTo.forEach(
        (quote, eurToQuote) -> {
          if (!quote.equals(base) && (symbols.isEmpty() || symbols.contains(quote))) {
            BigDecimal rate = PIVOT.equals(base) ? eurToQuote : eurToQuote.divide(eurToBase, CROSS);
            rates.put(quote, oneUnit ? rate : rate.multiply(amount, CROSS));
          }
        });
    return rates;
  }
}
