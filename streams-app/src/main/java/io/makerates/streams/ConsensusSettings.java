package io.makerates.streams;

import io.makerates.runtime.config.Settings;
import java.math.BigDecimal;

/**
 * How the consensus decides (README, "How a rate is decided").
 *
 * @param minSources accepted independent voices needed for {@code CONSENSUS}
 * @param toleranceBps the widest spread (highest minus lowest accepted voice, in basis points of
 *     the median) at which the accepted voices still agree
 * @param k outlier threshold as a multiple of the median absolute deviation
 * @param floorBps outlier threshold never below this many basis points of the median
 */
public record ConsensusSettings(
    int minSources, BigDecimal toleranceBps, BigDecimal k, BigDecimal floorBps) {

  public static ConsensusSettings defaults() {
    return new ConsensusSettings(
        2, new BigDecimal("150"), BigDecimal.valueOf(4), new BigDecimal("300"));
  }

  /**
   * {@code MAKERATES_CONSENSUS_MIN_SOURCES}, {@code _TOLERANCE_BPS}, {@code _K}, {@code
   * _FLOOR_BPS}.
   */
  public static ConsensusSettings from(Settings settings) {
    ConsensusSettings d = defaults();
    return new ConsensusSettings(
        settings.integer("consensus.min.sources", d.minSources(), 1, 100),
        settings.decimal("consensus.tolerance.bps", d.toleranceBps(), false),
        settings.decimal("consensus.k", d.k(), false),
        settings.decimal("consensus.floor.bps", d.floorBps(), false));
  }
}
