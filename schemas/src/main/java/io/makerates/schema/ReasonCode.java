package io.makerates.schema;

/**
 * Every reason a MakeRates app refuses something, written as {@code Rejection.reasonCode} (the
 * rejects topic) or {@code Contribution.rejectionReason} (a voice set aside in a rate's lineage).
 * The schemas keep these fields strings, so that a reader built before a code was added still reads
 * the record; this list is the vocabulary the apps write, one place for all three. Validation
 * (streams-app, stage {@code streams-validate}) writes the answer-level and currency-level codes,
 * the consensus the voice codes, and sink-app (stage {@code sink}) the last five.
 */
public enum ReasonCode {
  /**
   * No HTTP answer arrived (timeout, connect error): the attempt is recorded, there is nothing to
   * parse.
   */
  EXTRACTION_FAILED,
  /** The answer was an HTTP error status. */
  HTTP_ERROR,
  /** The provider answered with an error body (or the extractor flagged one). */
  PROVIDER_ERROR,
  /**
   * The body's SHA-256 differs from the one recorded at extraction: the bronze record is not what
   * was received.
   */
  CHECKSUM_MISMATCH,
  UNPARSEABLE,
  UNKNOWN_FORMAT,
  BASE_MISSING,
  /** The answer holds no usable EUR rate, so its rates cannot be rebased to the EUR pivot. */
  PIVOT_MISSING,
  NON_POSITIVE_RATE,
  NON_FINITE_RATE,
  /** Not a code ISO 4217 ever listed (FOK, GGP, CNH...). */
  NON_ISO_CURRENCY,
  /** A retired code quoted on or after its terminal date (HRK in 2023, BGN from 2026). */
  RETIRED_CURRENCY,
  /**
   * A EUR-pivot rate outside the plausible bounds: a unit or decimal-point error, not a market
   * move.
   */
  OUT_OF_BOUNDS,
  FUTURE_DATE,
  /**
   * A "latest" answer whose rates are older than the staleness limit: the provider stopped
   * updating.
   */
  STALE_LATEST,
  /** A well-formed answer without a single rate. */
  EMPTY_ANSWER,
  /** A consensus voice too far from the median. */
  OUTLIER,
  /**
   * A source outvoted inside its own independence group by a later observation of another member.
   */
  SUPERSEDED_IN_GROUP,
  /**
   * A voice far outside the pair's normal daily moves for its source, that no other independent
   * group confirmed, set aside because other voices remain (as a rate flag when it is the only one
   * left).
   */
  UNCONFIRMED_JUMP,
  /**
   * A pegged currency outside its band, not confirmed by another group (set aside, or a rate flag
   * when alone).
   */
  PEG_BREAK,
  /** sink-app: a silver record that is not a readable {@code ConsensusRate} (or has no value). */
  UNREADABLE,
  /** sink-app: a currency that {@code dim_currency} does not hold. */
  UNKNOWN_CURRENCY,
  /**
   * sink-app: a rate or spread that is no positive decimal, or beyond 20 digits before the point or
   * 40 after.
   */
  BAD_VALUE,
  /** sink-app: a date outside the years 1 to 9999. */
  BAD_DATE,
  /**
   * sink-app: PostgreSQL refused the row for its data (SQLSTATE class 22 or 23, e.g. a constraint
   * an operator added).
   */
  STORE_REFUSED;

  /** Whether sink-app writes this code (stage {@code sink}); streams-app writes the others. */
  public boolean bySink() {
    return compareTo(UNREADABLE) >= 0;
  }
}
