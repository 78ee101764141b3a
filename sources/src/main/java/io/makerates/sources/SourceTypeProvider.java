package io.makerates.sources;

import java.util.Optional;

/**
 * How a source type's package registers it: one class per package implements this and carries
 * {@code @AutoService(SourceTypeProvider.class)}, and {@link SourceTypes} finds it.
 */
public interface SourceTypeProvider {

  SourceType sourceType();

  /** The type's provider played offline, for {@code up --offline} and the coverage report. */
  default Optional<SampleAnswers> samples() {
    return Optional.empty();
  }

  /**
   * False for a commercial aggregator: its voice counts in the consensus, but not as an official
   * one in the coverage report.
   */
  default boolean official() {
    return true;
  }

  /**
   * True for a mirror of its group's publisher (Frankfurter serves the ECB's rates): by default it
   * fails over to the source of the type named like its group.
   */
  default boolean mirror() {
    return false;
  }

  /**
   * How many days old the newest day of a fresh "latest" answer may be, when more than
   * streams-app's setting: a monthly publisher a month late (HKMA) is not stale at 40 days. 0: the
   * setting rules.
   */
  default int latestLagDays() {
    return 0;
  }

  /**
   * True for a type whose answers quote no EUR rate (NBP's Table B, in PLN): its rates cannot be
   * rebased within the answer, so they reach the consensus against their home currency and vote
   * through the EUR rate of that currency that a source of the same independence group (NBP's Table
   * A) quotes for the same day. Without such a source that day, they do not vote.
   */
  default boolean eurLegFromGroup() {
    return false;
  }
}
