package io.makerates.streams;

import io.makerates.schema.ConsensusRate;
import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import io.makerates.schema.internal.ConsensusDayState;
import io.makerates.schema.internal.PublishedRate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One day's consensus as a state machine: folds an observation into the day's state (the latest observation of
 * each source, what was published per quote) and says which pair rates changed. Pure and order-independent in its
 * result: the state holds a set keyed by source, "latest" is decided by (extractedAt, extractionId), never by arrival.
 *
 * <p>A pair is published again when its decision changes at all, lineage included (a newer extraction with the same
 * value, another source agreeing exactly): otherwise the last published record would depend on arrival order.
 * Each publication bumps the revision, so it grows whenever value or status change, and also on lineage changes.
 */
public final class ConsensusDay {

  /** The day's state after an observation, and the rates whose value or status changed (revision already bumped). */
  public record Step(ConsensusDayState state, List<ConsensusRate> changed, boolean stateChanged) {}

  static final Comparator<RateObservations> RECENCY = Comparator.comparing(RateObservations::getExtractedAt)
      .thenComparing(o -> o.getExtractionId().toString());

  private final Consensus consensus;

  public ConsensusDay(Consensus consensus) {
    this.consensus = consensus;
  }

  public static ConsensusDayState empty() {
    return new ConsensusDayState(new ArrayList<>(), new HashMap<>());
  }

  public Step apply(ConsensusDayState current, RateObservations incoming) {
    ConsensusDayState state = current == null ? empty() : current;
    RateObservations stored = state.getObservations().stream()
        .filter(o -> o.getSourceId().equals(incoming.getSourceId()))
        .findFirst().orElse(null);
    // An older or the same observation (a replay) changes nothing.
    if (stored != null && RECENCY.compare(incoming, stored) <= 0) {
      return new Step(state, List.of(), false);
    }
    List<RateObservations> observations = new ArrayList<>(state.getObservations());
    observations.remove(stored);
    observations.add(incoming);
    observations.sort(Comparator.comparing(RateObservations::getSourceId));
    Map<String, PublishedRate> published = new HashMap<>(state.getPublished());

    List<ConsensusRate> changed = new ArrayList<>();
    // A quote whose every voice has gone keeps its last published rate: the skeleton emits no retraction yet.
    for (String quote : quotes(observations)) {
      consensus.decide(voices(observations, quote)).ifPresent(decision -> {
        PublishedRate before = published.get(quote);
        if (before != null && sameValueAndStatus(before, decision)
            && consensus.decide(voices(state.getObservations(), quote)).filter(decision::equals).isPresent()) {
          return;
        }
        int revision = before == null ? 1 : before.getRevision() + 1;
        String rate = plain(decision.rate());
        published.put(quote, new PublishedRate(rate, decision.status(), revision));
        changed.add(rate(incoming.getDate(), quote, rate, revision, decision));
      });
    }
    return new Step(new ConsensusDayState(observations, published), changed, true);
  }

  private static boolean sameValueAndStatus(PublishedRate published, Consensus.Decision decision) {
    return new BigDecimal(published.getRate()).compareTo(decision.rate()) == 0 && published.getStatus() == decision.status();
  }

  public static String rateKey(LocalDate date, String quote) {
    return date + "/" + BronzeValidator.PIVOT + "/" + quote;
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

  private static ConsensusRate rate(LocalDate date, String quote, String rate, int revision, Consensus.Decision d) {
    return ConsensusRate.newBuilder()
        .setDate(date)
        .setBase(BronzeValidator.PIVOT)
        .setQuote(quote)
        .setRate(rate)
        .setStatus(d.status())
        .setDerived(false)
        .setSourceCount(d.sourceCount())
        .setSpreadBps(d.spreadBps().toPlainString())
        .setConfidenceLow(plain(d.low()))
        .setConfidenceHigh(plain(d.high()))
        .setRevision(revision)
        .setContributions(d.contributions())
        .build();
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
