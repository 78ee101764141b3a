package io.makerates.launcher.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the star schema says about one rate: the fact row as it stands, every revision the sink
 * recorded with what changed against the one before, and the voices of the revision under audit,
 * each with the bronze coordinates of the answer it came from.
 */
public record RateTrail(
    LocalDate date,
    String base,
    String quote,
    Optional<Revision> current,
    List<Revision> revisions,
    Revision audited,
    List<Voice> voices,
    Map<Integer, List<RevisionChanges.Change>> changes) {

  public RateTrail {
    revisions = List.copyOf(revisions);
    voices = List.copyOf(voices);
    changes = Map.copyOf(changes);
  }

  /** What changed from the revision before; empty for the first. */
  public List<RevisionChanges.Change> changesOf(int revision) {
    return changes.getOrDefault(revision, List.of());
  }

  public String pair() {
    return base + "/" + quote;
  }

  /** One stored revision of the rate (fact_rate_history). */
  public record Revision(
      int number,
      BigDecimal rate,
      String status,
      boolean derived,
      int sourceCount,
      BigDecimal spreadBps,
      List<String> flags,
      Instant recordedAt) {

    public Revision {
      flags = List.copyOf(flags);
    }
  }

  /**
   * One voice of a revision: a source's EUR-pivot value of one leg, accepted or set aside, and
   * where it came from.
   */
  public record Voice(
      String leg,
      String sourceId,
      String independenceGroup,
      BigDecimal value,
      boolean accepted,
      String rejectionReason,
      String flag,
      UUID extractionId,
      String bronzeTopic,
      int bronzePartition,
      long bronzeOffset) {

    /** The quote currency of the leg: a voice is an EUR→X value. */
    public String legQuote() {
      return leg.substring(leg.indexOf('/') + 1);
    }
  }
}
