package io.makerates.streams;

import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import io.makerates.schema.VoiceFlag;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finishes the rebase of answers that quote no EUR (NBP's Table B, in PLN): a rate against the
 * answer's home currency P votes as EUR→X = EUR→P × P→X, where EUR→P is what the newest EUR-pivot
 * answer of the same independence group says that day (NBP's Table A). The leg comes from the
 * group, never from the consensus, so the voice stays the group's own judgement; without such an
 * answer that day the rates wait and do not vote.
 */
public final class GroupLegs {

  /** group → currency → EUR→currency, from the group's newest EUR-pivot answer quoting it. */
  private final Map<String, Map<String, BigDecimal>> eurRates = new HashMap<>();

  GroupLegs(List<RateObservations> latest) {
    latest.stream()
        .filter(o -> EurRebase.PIVOT.equals(o.getPivot()))
        .sorted(ConsensusDay.RECENCY.reversed())
        .forEach(
            o -> {
              Map<String, BigDecimal> rates =
                  eurRates.computeIfAbsent(o.getIndependenceGroup(), g -> new HashMap<>());
              o.getRates()
                  .forEach(r -> rates.putIfAbsent(r.getQuote(), new BigDecimal(r.getRate())));
            });
  }

  /** EUR→pivot for the answer's group, empty when no answer of the group quotes it that day. */
  Optional<BigDecimal> leg(RateObservations answer) {
    return Optional.ofNullable(eurRates.get(answer.getIndependenceGroup()))
        .map(rates -> rates.get(answer.getPivot()));
  }

  /** A rate against the pivot, and its flag's reference, carried onto EUR through the leg. */
  static Observation throughLeg(Observation rate, BigDecimal leg) {
    VoiceFlag flag = rate.getFlag();
    return new Observation(
        rate.getQuote(),
        through(leg, new BigDecimal(rate.getRate())),
        rate.getProviderRate(),
        flag == null
            ? null
            : new VoiceFlag(
                flag.getReason(),
                through(leg, new BigDecimal(flag.getReference())),
                flag.getDetail()));
  }

  /** EUR→X = EUR→P × P→X, to the precision of the answer's own rebasing. */
  public static String through(BigDecimal leg, BigDecimal pivotToQuote) {
    return EurRebase.plain(leg.multiply(pivotToQuote, EurRebase.REBASE));
  }
}
