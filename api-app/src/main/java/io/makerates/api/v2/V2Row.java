package io.makerates.api.v2;

import io.makerates.api.history.Voice;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of a v2 answer: Frankfurter's {@code date, base, quote, rate}, then what MakeRates adds
 * (a Frankfurter client reads the fields it knows and passes over the others).
 *
 * @param rate exact; rounded only as it is written
 * @param sources the independent voices the rate was decided from (the fewer of two legs)
 * @param spreadBps null where the row has none (a cross rate, a rollup, a providers= rate)
 * @param revision null where the row has none (a cross rate, a rollup)
 * @param providers null unless {@code expand=providers}
 * @param lineage null unless {@code expand=lineage}
 */
public record V2Row(
    LocalDate date,
    String base,
    String quote,
    BigDecimal rate,
    String status,
    int sources,
    BigDecimal spreadBps,
    List<String> flags,
    Integer revision,
    List<ProviderRate> providers,
    List<Voice> lineage) {

  /** One source's rate of the row's pair, and whether the consensus set it aside. */
  public record ProviderRate(String key, BigDecimal rate, boolean excluded) {}

  public V2Row {
    flags = List.copyOf(flags);
    providers = providers == null ? null : List.copyOf(providers);
    lineage = lineage == null ? null : List.copyOf(lineage);
  }
}
