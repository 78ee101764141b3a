package io.makerates.api.history;

import java.math.BigDecimal;

/**
 * One source's voice on a rate, as {@code v_rate_lineage} holds it: the value it quoted for its leg
 * (an EUR-pivot pair, EUR→X), whether the consensus took it or set it aside and why, what the
 * history or peg check found on it, and the extraction and bronze record it came from.
 *
 * @param reason null for an accepted voice
 * @param flag null for a voice nothing was found on
 */
public record Voice(
    String source,
    String group,
    String leg,
    BigDecimal value,
    boolean accepted,
    String reason,
    String flag,
    String extractionId,
    String bronzeTopic,
    int bronzePartition,
    long bronzeOffset) {}
