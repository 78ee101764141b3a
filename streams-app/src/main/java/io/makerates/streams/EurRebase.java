package io.makerates.streams;

import io.makerates.schema.Observation;
import io.makerates.sources.ProviderDay;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rebases one day of an answer onto the EUR pivot with the answer's own rates: as sent when the
 * base is EUR, else base→X / base→EUR, and the EUR leg becomes EUR→base = 1 / base→EUR (its
 * providerRate is the base→EUR value it came from). An answer without EUR can be kept against its
 * own base only when its type votes through its group's EUR rate ({@link ConsensusDay} finishes the
 * rebase there); otherwise there is nothing to rebase with.
 */
final class EurRebase {

  static final String PIVOT = "EUR";
  static final MathContext REBASE = new MathContext(20, RoundingMode.HALF_EVEN);

  /** The day's rates against {@code pivot}: EUR, or the answer's base awaiting its group's leg. */
  record Rebased(String pivot, List<Observation> rates) {}

  private EurRebase() {}

  /**
   * Empty when the answer quotes no EUR and its rates may not wait for their group's leg.
   *
   * @param good the day's valid rates, base→X
   */
  static Optional<Rebased> rebase(
      ProviderDay day, Map<String, BigDecimal> good, boolean legFromGroup) {
    List<Observation> rates = new ArrayList<>();
    if (PIVOT.equals(day.base())) {
      good.forEach(
          (quote, value) -> {
            if (!PIVOT.equals(quote)) {
              rates.add(new Observation(quote, value.toPlainString(), value.toPlainString(), null));
            }
          });
      return Optional.of(new Rebased(PIVOT, rates));
    }
    BigDecimal baseToEur = good.get(PIVOT);
    if (baseToEur == null) {
      if (!legFromGroup) {
        return Optional.empty();
      }
      good.forEach(
          (quote, value) -> {
            if (!day.base().equals(quote)) {
              rates.add(new Observation(quote, value.toPlainString(), value.toPlainString(), null));
            }
          });
      return Optional.of(new Rebased(day.base(), rates));
    }
    Map<String, Observation> byQuote = new TreeMap<>();
    good.forEach(
        (quote, value) -> {
          if (!PIVOT.equals(quote) && !day.base().equals(quote)) {
            byQuote.put(
                quote,
                new Observation(
                    quote, plain(value.divide(baseToEur, REBASE)), value.toPlainString(), null));
          }
        });
    byQuote.put(
        day.base(),
        new Observation(
            day.base(),
            plain(BigDecimal.ONE.divide(baseToEur, REBASE)),
            baseToEur.toPlainString(),
            null));
    rates.addAll(byQuote.values());
    return Optional.of(new Rebased(PIVOT, rates));
  }

  static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
