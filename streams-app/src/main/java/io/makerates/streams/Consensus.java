package io.makerates.streams;

import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Contribution;
import io.makerates.schema.ReasonCode;
import io.makerates.schema.VoiceFlag;
import io.makerates.streams.history.HistoryCheck;
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
 * Decides the rate of one pair and day from the latest observation of each source (README, "How a
 * rate is decided"). Pure: the decision depends only on the set of voices given, never on their
 * order.
 */
public final class Consensus {

  private static final BigDecimal BPS = new BigDecimal("10000");
  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  /**
   * A voice's history or peg finding that another independent group confirmed: a real move, kept.
   */
  public static final String CONFIRMED_JUMP = "CONFIRMED_JUMP";

  public static final String CONFIRMED_PEG_BREAK = "CONFIRMED_PEG_BREAK";

  /**
   * One source's latest value for the pair; {@code flag} is what the history check found (null when
   * nothing). {@code extractionId} and {@code extractedAt} are those of the answer that votes (the
   * latest of its source); {@code witness} and {@code witnessBronze} name the first extraction in
   * which the source said this value, the one its lineage points to.
   */
  public record Voice(
      String sourceId,
      String group,
      BigDecimal value,
      String rawValue,
      UUID extractionId,
      Instant extractedAt,
      BronzeCoordinates bronze,
      VoiceFlag flag,
      UUID witness,
      BronzeCoordinates witnessBronze) {

    public Voice(
        String sourceId,
        String group,
        BigDecimal value,
        String rawValue,
        UUID extractionId,
        Instant extractedAt,
        BronzeCoordinates bronze) {
      this(
          sourceId,
          group,
          value,
          rawValue,
          extractionId,
          extractedAt,
          bronze,
          null,
          extractionId,
          bronze);
    }
  }

  /**
   * The outcome for one pair and day; {@code contributions} lists every voice, accepted or not, by
   * source id; {@code flags} the unconfirmed findings the rate rests on (empty for a clean rate).
   */
  public record Decision(
      BigDecimal rate,
      ConsensusStatus status,
      int sourceCount,
      BigDecimal spreadBps,
      BigDecimal low,
      BigDecimal high,
      List<Contribution> contributions,
      List<String> flags) {

    /**
     * The same decision with its contributions marked as quoting {@code leg} (EUR/X), so cross
     * rates keep both legs.
     */
    public Decision withLeg(String leg) {
      List<Contribution> marked =
          contributions.stream().map(c -> Contribution.newBuilder(c).setLeg(leg).build()).toList();
      return new Decision(rate, status, sourceCount, spreadBps, low, high, marked, flags);
    }
  }

  /**
   * Latest first: by extraction time, then extraction id, then source id, so ties still have one
   * answer.
   */
  static final Comparator<Voice> LATEST_FIRST =
      Comparator.comparing(Voice::extractedAt)
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
    Map<Voice, String> findings = new LinkedHashMap<>();
    List<Voice> independent = onePerGroup(voices, refused);
    List<Voice> accepted =
        withoutOutliers(withoutUnconfirmedFindings(independent, refused, findings), refused);
    List<String> flags =
        accepted.stream()
            .map(findings::get)
            .filter(f -> f != null && !f.startsWith("CONFIRMED_"))
            .distinct()
            .sorted()
            .toList();

    List<BigDecimal> values = accepted.stream().map(Voice::value).sorted().toList();
    BigDecimal median = median(values);
    BigDecimal low = values.getFirst();
    BigDecimal high = values.getLast();
    BigDecimal spreadBps =
        high.subtract(low).multiply(BPS).divide(median, 2, RoundingMode.HALF_EVEN);
    return Optional.of(
        new Decision(
            median,
            status(values.size(), spreadBps),
            accepted.size(),
            spreadBps,
            low,
            high,
            contributions(voices, refused, findings),
            flags));
  }

  /**
   * A voice the history or peg check flagged is confirmed when a voice of another independent group
   * made the same move (below); confirmed, it votes as any other. Unconfirmed, it is set aside with
   * its reason while some voice nothing was found on remains, so the rate comes from those; when
   * every voice left is doubted, they all stay and the rate carries the finding as a flag: with
   * nothing better to publish, the doubt is published with it.
   */
  private static List<Voice> withoutUnconfirmedFindings(
      List<Voice> voices, Map<Voice, String> refused, Map<Voice, String> findings) {
    List<Voice> trusted = new ArrayList<>();
    List<Voice> doubted = new ArrayList<>();
    for (Voice v : voices) {
      if (v.flag() == null) {
        trusted.add(v);
        continue;
      }
      boolean peg = HistoryCheck.PEG_BREAK.equals(v.flag().getReason());
      boolean confirmed =
          voices.stream().anyMatch(w -> !w.group().equals(v.group()) && sameMove(w, v));
      if (confirmed) {
        findings.put(v, peg ? CONFIRMED_PEG_BREAK : CONFIRMED_JUMP);
        trusted.add(v);
      } else {
        findings.put(v, peg ? ReasonCode.PEG_BREAK.name() : ReasonCode.UNCONFIRMED_JUMP.name());
        doubted.add(v);
      }
    }
    if (trusted.isEmpty()) {
      return voices;
    }
    doubted.forEach(v -> refused.put(v, findings.get(v)));
    return trusted;
  }

  /**
   * Whether {@code other} moved as {@code flagged} did, measured from the flagged voice's
   * reference: in the same direction, at least half and at most twice as far. An honest voice near
   * the reference does not confirm a wrong one far from it, nor does a real 15 % move confirm a
   * wrong value 3 % out; two sources that both saw the franc fall 14 and 17 % on the day its floor
   * went confirm each other.
   */
  private static boolean sameMove(Voice other, Voice flagged) {
    BigDecimal reference = new BigDecimal(flagged.flag().getReference());
    BigDecimal mine = flagged.value().subtract(reference);
    BigDecimal theirs = other.value().subtract(reference);
    return mine.signum() != 0
        && mine.signum() == theirs.signum()
        && theirs.abs().multiply(TWO).compareTo(mine.abs()) >= 0
        && mine.abs().multiply(TWO).compareTo(theirs.abs()) >= 0;
  }

  // Sources of one independence group repeat the same primary data: only the group's latest
  // observation votes.
  private static List<Voice> onePerGroup(List<Voice> voices, Map<Voice, String> refused) {
    Map<String, Voice> latestByGroup = new LinkedHashMap<>();
    voices.stream()
        .sorted(LATEST_FIRST)
        .forEach(
            v -> {
              if (latestByGroup.putIfAbsent(v.group(), v) != null) {
                refused.put(v, ReasonCode.SUPERSEDED_IN_GROUP.name());
              }
            });
    return List.copyOf(latestByGroup.values());
  }

  // Median absolute deviation test; the floor stops near-identical voices from making any small gap
  // an outlier.
  private List<Voice> withoutOutliers(List<Voice> voices, Map<Voice, String> refused) {
    if (voices.size() < 3) {
      return voices;
    }
    BigDecimal median = median(voices.stream().map(Voice::value).sorted().toList());
    BigDecimal mad =
        median(voices.stream().map(v -> v.value().subtract(median).abs()).sorted().toList());
    BigDecimal threshold =
        settings.k().multiply(mad).max(settings.floorBps().multiply(median).divide(BPS));
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
   * Agreement is judged on the spread the record reports (highest minus lowest accepted voice, over
   * the median): two voices 290 bps apart do not agree at a 150 bps tolerance, though each is
   * within 150 bps of their mean.
   */
  private ConsensusStatus status(int accepted, BigDecimal spreadBps) {
    if (accepted == 1) {
      return ConsensusStatus.SINGLE_SOURCE;
    }
    return accepted >= settings.minSources() && spreadBps.compareTo(settings.toleranceBps()) <= 0
        ? ConsensusStatus.CONSENSUS
        : ConsensusStatus.DISPUTED;
  }

  /** Mean of the middle two for an even count; exact, since halving a decimal always terminates. */
  static BigDecimal median(List<BigDecimal> sorted) {
    int n = sorted.size();
    if (n % 2 == 1) {
      return sorted.get(n / 2);
    }
    return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(TWO);
  }

  private static List<Contribution> contributions(
      List<Voice> voices, Map<Voice, String> refused, Map<Voice, String> findings) {
    return voices.stream()
        .sorted(
            Comparator.comparing(Voice::sourceId).thenComparing(v -> v.extractionId().toString()))
        .map(
            v ->
                new Contribution(
                    v.sourceId(),
                    v.group(),
                    v.rawValue(),
                    v.witness(),
                    v.witnessBronze(),
                    !refused.containsKey(v),
                    refused.get(v),
                    null,
                    findings.get(v),
                    null)) // the answer's base is added by ProviderBases as the rate is published
        .toList();
  }
}
