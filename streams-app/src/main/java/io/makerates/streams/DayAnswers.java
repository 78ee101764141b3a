package io.makerates.streams;

import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers one step of a day's timeline decides from: the latest answer of every source, which
 * votes, and for each of its values the witness, the first answer of the same source that day that
 * said the same value. The lineage names the witness, so a source's new answer that changes other
 * currencies leaves the lineage, and with it the record, of a pair whose value it repeats as it
 * was; any extraction that said the value proves it equally.
 */
final class DayAnswers {

  private final List<RateObservations> latest;

  /** source → its answers up to this step, oldest first; only sources with more than one. */
  private final Map<String, List<RateObservations>> earlier;

  private final Map<RateObservations, Map<String, String>> ratesByQuote = new IdentityHashMap<>();

  DayAnswers(List<RateObservations> latest, Map<String, List<RateObservations>> bySource) {
    this.latest = latest;
    this.earlier = new HashMap<>();
    bySource.forEach(
        (source, answers) -> {
          if (answers.size() > 1) {
            List<RateObservations> sorted = new ArrayList<>(answers);
            sorted.sort(ConsensusDay.RECENCY);
            earlier.put(source, sorted);
          }
        });
  }

  List<RateObservations> latest() {
    return latest;
  }

  /** The first answer of {@code answer}'s source that said {@code rate} for its quote. */
  RateObservations witness(RateObservations answer, Observation rate) {
    List<RateObservations> answers = earlier.get(answer.getSourceId());
    if (answers == null) {
      return answer;
    }
    for (RateObservations candidate : answers) {
      if (candidate == answer || rate.getRate().equals(rates(candidate).get(rate.getQuote()))) {
        return candidate;
      }
    }
    return answer;
  }

  private Map<String, String> rates(RateObservations answer) {
    return ratesByQuote.computeIfAbsent(
        answer,
        a -> {
          Map<String, String> byQuote = new HashMap<>();
          a.getRates().forEach(r -> byQuote.put(r.getQuote(), r.getRate()));
          return byQuote;
        });
  }
}
