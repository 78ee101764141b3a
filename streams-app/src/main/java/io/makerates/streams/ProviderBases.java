package io.makerates.streams;

import io.makerates.schema.ConsensusRate;
import io.makerates.schema.Contribution;
import io.makerates.schema.RateObservations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names on every voice of a published rate the base its answer came in (the currency the source was
 * asked for, {@code MAKERATES_SOURCE_<ID>_BASE}), from the day's observations, so that the sink can
 * record each source's base in {@code dim_source}. It is added as the rate leaves the consensus,
 * outside what makes a revision or a record's fingerprint: a base is a fact about the answer, the
 * same for every order in which answers arrive.
 */
final class ProviderBases {

  private ProviderBases() {}

  static ConsensusRate named(ConsensusRate rate, List<RateObservations> observations) {
    Map<String, String> baseByExtraction = new HashMap<>();
    for (RateObservations o : observations) {
      baseByExtraction.put(o.getExtractionId().toString(), o.getProviderBase());
    }
    List<Contribution> voices =
        rate.getContributions().stream()
            .map(
                c ->
                    Contribution.newBuilder(c)
                        .setProviderBase(baseByExtraction.get(c.getExtractionId().toString()))
                        .build())
            .toList();
    return ConsensusRate.newBuilder(rate).setContributions(voices).build();
  }
}
