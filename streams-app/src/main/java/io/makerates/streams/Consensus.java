package io.makerates.streams;

import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.Contribution;
import io.makerates.schema.ConsensusStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides the rate of one pair and day from the latest observation of each source (README, "How a rate is decided"). Pure: the decision
 * depends only on the set of voices given, never on their order.
 */
public final class Consensus {

  private static final BigDecimal BPS = new BigDecimal("10000");
  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  /** One source's latest value for the pair, with its lineage. */
  public record Voice(String sourceId, String group, BigDecimal value, String rawValue, UUID extractionId,
      Instant extractedAt, BronzeCoordinates bronze) {}

  /** The outcome for one pair and day; {@code contributions} lists every voice, accepted or not, by source id. */
  public record Decision(BigDecimal rate, ConsensusStatus status, int sourceCount, BigDecimal spreadBps,
      BigDecimal low, BigDecimal high, List<Contribution> contributions) {

    /** The same decision with its contributions marked as quoting {@code leg} (EUR/X), so cross rates keep both legs. */
    public Decision withLeg(String leg) {
      List<Contribution> marked = contributions.stream()
          .map(c -> Contribution.newBuilder(c).setLeg(leg).build())
          .toList();
      return new Decision(rate, status, sourceCount, spreadBps, low, high, marked);
    }
  }

  /** Latest first: by extraction time, then extraction id, then source id, so ties still have one answer. */
  static final Comparator<Voice> LATEST_FIRST = Comparator.comparing(Voice::extractedAt)
      .thenComparing(v -> v.extractionId().toString())
      .thenComparing(Voice::sourceId)
      .reversed();

  private final ConsensusSettings settings;

  public Consensus(ConsensusSettings settings) {
    this.settings = settings;
  }

  /** The rules this consensus decides by. */
  public ConsensusSettings settings() {
    return settings;
  }

  public Optional<Decision> decide(List<Voice> voices) {
    if (voices.isEmpty()) {
      return Optional.empty();
    }
    Map<Voice, String> refused = new LinkedHashMap<>();
    List<Voice> independent = onePerGroup(voices, refused);
    List<Voice> accepted = withoutOutliers(independent, refused);

    List<BigDecimal> values = accepted.stream().map(Voice::value).sorted().toList();
    BigDecimal median = median(values);
    BigDecimal low = values.getFirst();
    BigDecimal high = values.getLast();
    BigDecimal spreadBps = high.subtract(low).multiply(BPS).divide(median, 2, RoundingMode.HALF_EVEN);
    return Optional.of(new Decision(median, status(values.size(), spreadBps), accepted.size(), spreadBps, low, high,
        contributions(voices, refused)));
  }

  // Sources of one independence group repeat the same primary data: only the group's latest observation votes.
  private static List<Voice> onePerGroup(List<Voice> voices, Map<Voice, String> refused) {
    Map<String, Voice> latestByGroup = new LinkedHashMap<>();
    voices.stream().sorted(LATEST_FIRST).forEach(v -> {
      if (latestByGroup.putIfAbsent(v.group(), v) != null) {
        refused.put(v, ReasonCode.SUPERSEDED_IN_GROUP.name());
      }
    });
    return List.copyOf(latestByGroup.values());
  }

  // Median absolute deviation test; the floor stops near-identical voices from making any small gap an outlier.
  private List<Voice> withoutOutliers(List<Voice> voices, Map<Voice, String> refused) {
    if (voices.size() < 3) {
      return voices;
    }
    BigDecimal median = median(voices.stream().map(Voice::value).sorted().toList());
    BigDecimal mad = median(voices.stream().map(v -> v.value().subtract(median).abs()).sorted().toList());
    BigDecimal threshold = settings.k().multiply(mad).max(settings.floorBps().multiply(median).divide(BPS));
    List<Voice> kept = new ArrayList<>();
    for (Voice v : voices) {
      if (v.value().subtract(median).abs().compareTo(threshold) > 0) {
        refused.put(v, ReasonCode.OUTLIER.name());
      } else {
        kept.add(v);
      }
    }
    return kept;
  }

  /**
   * Agreement is judged on the spread the record reports (highest minus lowest accepted voice, over the median): two
   * voices 290 bps apart do not agree at a 150 bps tolerance, though each is within 150 bps of their mean.
   */
  private ConsensusStatus status(int accepted, BigDecimal spreadBps) {
    if (accepted == 1) {
      return ConsensusStatus.SINGLE_SOURCE;
    }
    return accepted >= settings.minSources() && spreadBps.compareTo(settings.toleranceBps()) <= 0
        ? ConsensusStatus.CONSENSUS : ConsensusStatus.DISPUTED;
  }

  /** Mean of the middle two for an even count; exact, since halving a decimal always terminates. */
  static BigDecimal median(List<BigDecimal> sorted) {
    int n = sorted.size();
    if (n % 2 == 1) {
      return sorted.get(n / 2);
    }
    return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(TWO);
  }

  private static List<Contribution> contributions(List<Voice> voices, Map<Voice, String> refused) {
    return voices.stream()
        .sorted(Comparator.comparing(Voice::sourceId).thenComparing(v -> v.extractionId().toString()))
        .map(v -> new Contribution(v.sourceId(), v.group(), v.rawValue(), v.extractionId(), v.bronze(),
            !refused.containsKey(v), refused.get(v), null))
        .toList();
  }
}
