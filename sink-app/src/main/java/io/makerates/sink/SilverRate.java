package io.makerates.sink;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A silver consensus rate whose numbers and codes were checked, ready for the star schema. */
record SilverRate(
    LocalDate date,
    String base,
    String quote,
    BigDecimal rate,
    String status,
    boolean derived,
    int sourceCount,
    BigDecimal spreadBps,
    BigDecimal confidenceLow,
    BigDecimal confidenceHigh,
    int revision,
    List<Lineage> contributions,
    List<String> flags) {

  /**
   * One source's observation behind a revision, accepted or rejected by the consensus; {@code leg}
   * is the EUR-pivot pair it quoted (a cross rate has two); {@code flag} what the history or peg
   * check found on it, if anything; {@code providerBase} the base its answer came in (null from
   * writers before it was recorded).
   */
  record Lineage(
      String leg,
      String sourceId,
      String independenceGroup,
      UUID extractionId,
      BigDecimal value,
      boolean accepted,
      String rejectionReason,
      String bronzeTopic,
      int bronzePartition,
      long bronzeOffset,
      String flag,
      String providerBase) {}
}
