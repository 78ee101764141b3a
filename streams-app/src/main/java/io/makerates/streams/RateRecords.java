package io.makerates.streams;

import io.makerates.schema.ConsensusRate;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Contribution;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The silver records of a day's decisions: a pivot rate as decided, and a derived base's cross rate
 * of two EUR legs, {@code B→X = (EUR→X) / (EUR→B)}, marked derived, with the weaker status and the
 * smaller source count of its legs and the lineage of both.
 */
final class RateRecords {

  static final MathContext CROSS = new MathContext(20, RoundingMode.HALF_EVEN);

  private RateRecords() {}

  /** B→X from EUR→X ({@code quoteLeg}, null for X = EUR) and EUR→B ({@code baseLeg}). */
  static ConsensusRate cross(
      LocalDate date,
      String base,
      String quote,
      Consensus.Decision quoteLeg,
      Consensus.Decision baseLeg) {
    BigDecimal x = quoteLeg == null ? BigDecimal.ONE : quoteLeg.rate();
    BigDecimal xLow = quoteLeg == null ? BigDecimal.ONE : quoteLeg.low();
    BigDecimal xHigh = quoteLeg == null ? BigDecimal.ONE : quoteLeg.high();
    ConsensusStatus status =
        quoteLeg == null ? baseLeg.status() : weaker(quoteLeg.status(), baseLeg.status());
    int sources =
        quoteLeg == null
            ? baseLeg.sourceCount()
            : Math.min(quoteLeg.sourceCount(), baseLeg.sourceCount());
    BigDecimal spread =
        quoteLeg == null ? baseLeg.spreadBps() : quoteLeg.spreadBps().add(baseLeg.spreadBps());
    List<Contribution> lineage = new ArrayList<>(baseLeg.contributions());
    java.util.SortedSet<String> flags = new java.util.TreeSet<>(baseLeg.flags());
    if (quoteLeg != null) {
      lineage.addAll(quoteLeg.contributions());
      flags.addAll(quoteLeg.flags());
    }
    return rate(
        date,
        base,
        quote,
        x.divide(baseLeg.rate(), CROSS),
        status,
        true,
        sources,
        spread,
        xLow.divide(baseLeg.high(), CROSS),
        xHigh.divide(baseLeg.low(), CROSS),
        lineage,
        List.copyOf(flags));
  }

  /** CONSENSUS is the strongest; a single source is weaker; a dispute the weakest. */
  static ConsensusStatus weaker(ConsensusStatus a, ConsensusStatus b) {
    return strength(a) <= strength(b) ? a : b;
  }

  private static int strength(ConsensusStatus status) {
    return switch (status) {
      case CONSENSUS -> 2;
      case SINGLE_SOURCE -> 1;
      default -> 0;
    };
  }

  static ConsensusRate rate(
      LocalDate date,
      String base,
      String quote,
      BigDecimal rate,
      ConsensusStatus status,
      boolean derived,
      int sources,
      BigDecimal spreadBps,
      BigDecimal low,
      BigDecimal high,
      List<Contribution> contributions,
      List<String> flags) {
    return ConsensusRate.newBuilder()
        .setDate(date)
        .setBase(base)
        .setQuote(quote)
        .setRate(plain(rate))
        .setStatus(status)
        .setDerived(derived)
        .setSourceCount(sources)
        .setSpreadBps(spreadBps.toPlainString())
        .setConfidenceLow(plain(low))
        .setConfidenceHigh(plain(high))
        .setRevision(0)
        .setContributions(contributions)
        .setFlags(flags)
        .build();
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
