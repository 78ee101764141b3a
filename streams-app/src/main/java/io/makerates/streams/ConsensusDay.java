package io.makerates.streams;

import io.makerates.schema.ConsensusRate;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Contribution;
import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import io.makerates.schema.internal.ConsensusDayState;
import io.makerates.schema.internal.PublishedRate;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One day's consensus as a state machine: folds an observation into the day's state (the latest observation of each
 * source, every extraction id seen) and gives the day's pair rates. Pure in its result: "latest" is decided by
 * (extractedAt, extractionId), never by arrival, and the revision of every pair is the number of distinct observations
 * folded into the day. A new observation can change any pair's value, status or lineage and always raises that count,
 * so every pair of the day is published again with it: the last record of each pair is then the same for any order
 * and any duplication of the same observations, and a replay reproduces it exactly.
 *
 * <p>Derived bases (USD by default) are cross rates of two EUR-pivot legs, {@code B→X = (EUR→X) / (EUR→B)}, marked
 * derived, with the weaker status and the smaller source count of their legs and the lineage of both.
 */
public final class ConsensusDay {

  /** The day's state after an observation, and the rates to publish (empty when the observation was known). */
  public record Step(ConsensusDayState state, List<ConsensusRate> changed, boolean stateChanged) {}

  static final Comparator<RateObservations> RECENCY = Comparator.comparing(RateObservations::getExtractedAt)
      .thenComparing(o -> o.getExtractionId().toString());
  static final MathContext CROSS = new MathContext(20, RoundingMode.HALF_EVEN);

  private final Consensus consensus;
  private final List<String> derivedBases;

  public ConsensusDay(Consensus consensus) {
    this(consensus, List.of());
  }

  public ConsensusDay(Consensus consensus, List<String> derivedBases) {
    this.consensus = consensus;
    this.derivedBases = derivedBases.stream().filter(b -> !BronzeValidator.PIVOT.equals(b)).distinct().sorted().toList();
  }

  public static ConsensusDayState empty() {
    return new ConsensusDayState(new ArrayList<>(), new HashMap<>(), new ArrayList<>());
  }

  public Step apply(ConsensusDayState current, RateObservations incoming) {
    ConsensusDayState state = current == null ? empty() : current;
    String id = incoming.getExtractionId().toString();
    if (state.getSeenExtractions().contains(id)) {
      return new Step(state, List.of(), false); // a replay or a duplicate: nothing new
    }
    List<String> seen = new ArrayList<>(state.getSeenExtractions());
    seen.add(id);
    List<RateObservations> observations = new ArrayList<>(state.getObservations());
    RateObservations stored = observations.stream()
        .filter(o -> o.getSourceId().equals(incoming.getSourceId())).findFirst().orElse(null);
    if (stored == null || RECENCY.compare(incoming, stored) > 0) {
      observations.remove(stored);
      observations.add(incoming);
      observations.sort(Comparator.comparing(RateObservations::getSourceId));
    }
    int revision = seen.size();
    SortedMap<String, Consensus.Decision> decisions = new TreeMap<>();
    for (String quote : quotes(observations)) {
      consensus.decide(voices(observations, quote))
          .ifPresent(d -> decisions.put(quote, d.withLeg(BronzeValidator.PIVOT + "/" + quote)));
    }
    LocalDate date = incoming.getDate();
    Map<String, PublishedRate> published = new HashMap<>();
    List<ConsensusRate> rates = new ArrayList<>();
    decisions.forEach((quote, d) -> {
      ConsensusRate rate = rate(date, BronzeValidator.PIVOT, quote, d.rate(), d.status(), false, d.sourceCount(),
          d.spreadBps(), d.low(), d.high(), revision, d.contributions());
      published.put(BronzeValidator.PIVOT + "/" + quote, new PublishedRate(rate.getRate(), d.status(), revision));
      rates.add(rate);
    });
    for (String base : derivedBases) {
      Consensus.Decision leg = decisions.get(base);
      if (leg == null) {
        continue; // no EUR→base today: nothing to cross through
      }
      rates.add(cross(date, base, BronzeValidator.PIVOT, null, leg, revision));
      decisions.forEach((quote, d) -> {
        if (!quote.equals(base)) {
          rates.add(cross(date, base, quote, d, leg, revision));
        }
      });
    }
    rates.stream().filter(ConsensusRate::getDerived)
        .forEach(r -> published.put(r.getBase() + "/" + r.getQuote(), new PublishedRate(r.getRate(), r.getStatus(), revision)));
    return new Step(new ConsensusDayState(observations, published, seen), rates, true);
  }

  /** B→X from EUR→X ({@code quoteLeg}, null for X = EUR) and EUR→B ({@code baseLeg}). */
  private static ConsensusRate cross(LocalDate date, String base, String quote, Consensus.Decision quoteLeg,
      Consensus.Decision baseLeg, int revision) {
    BigDecimal x = quoteLeg == null ? BigDecimal.ONE : quoteLeg.rate();
    BigDecimal xLow = quoteLeg == null ? BigDecimal.ONE : quoteLeg.low();
    BigDecimal xHigh = quoteLeg == null ? BigDecimal.ONE : quoteLeg.high();
    ConsensusStatus status = quoteLeg == null ? baseLeg.status() : weaker(quoteLeg.status(), baseLeg.status());
    int sources = quoteLeg == null ? baseLeg.sourceCount() : Math.min(quoteLeg.sourceCount(), baseLeg.sourceCount());
    BigDecimal spread = quoteLeg == null ? baseLeg.spreadBps() : quoteLeg.spreadBps().add(baseLeg.spreadBps());
    List<Contribution> lineage = new ArrayList<>(baseLeg.contributions());
    if (quoteLeg != null) {
      lineage.addAll(quoteLeg.contributions());
    }
    return rate(date, base, quote, x.divide(baseLeg.rate(), CROSS), status, true, sources, spread,
        xLow.divide(baseLeg.high(), CROSS), xHigh.divide(baseLeg.low(), CROSS), revision, lineage);
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

  public static String rateKey(LocalDate date, String quote) {
    return rateKey(date, BronzeValidator.PIVOT, quote);
  }

  public static String rateKey(LocalDate date, String base, String quote) {
    return date + "/" + base + "/" + quote;
  }

  private static SortedSet<String> quotes(List<RateObservations> observations) {
    SortedSet<String> quotes = new TreeSet<>();
    observations.forEach(o -> o.getRates().forEach(r -> quotes.add(r.getQuote())));
    quotes.remove(BronzeValidator.PIVOT);
    return quotes;
  }

  private static List<Consensus.Voice> voices(List<RateObservations> observations, String quote) {
    List<Consensus.Voice> voices = new ArrayList<>();
    for (RateObservations o : observations) {
      for (Observation r : o.getRates()) {
        if (r.getQuote().equals(quote)) {
          voices.add(new Consensus.Voice(o.getSourceId(), o.getIndependenceGroup(), new BigDecimal(r.getRate()),
              r.getRate(), o.getExtractionId(), o.getExtractedAt(), o.getBronze()));
        }
      }
    }
    return voices;
  }

  private static ConsensusRate rate(LocalDate date, String base, String quote, BigDecimal rate, ConsensusStatus status,
      boolean derived, int sources, BigDecimal spreadBps, BigDecimal low, BigDecimal high, int revision,
      List<Contribution> contributions) {
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
        .setRevision(revision)
        .setContributions(contributions)
        .build();
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
