package io.makerates.streams;

/** Why streams-app refused something; written as {@code Rejection.reasonCode} or {@code Contribution.rejectionReason}. */
public enum ReasonCode {
  /** No HTTP answer arrived (timeout, connect error): the attempt is recorded, there is nothing to parse. */
  EXTRACTION_FAILED,
  /** The answer was an HTTP error status. */
  HTTP_ERROR,
  /** The provider answered with an error body (or the extractor flagged one). */
  PROVIDER_ERROR,
  /** The body's SHA-256 differs from the one recorded at extraction: the bronze record is not what was received. */
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
  /** A EUR-pivot rate outside the plausible bounds: a unit or decimal-point error, not a market move. */
  OUT_OF_BOUNDS,
  FUTURE_DATE,
  /** A "latest" answer whose rates are older than the staleness limit: the provider stopped updating. */
  STALE_LATEST,
  /** A well-formed answer without a single rate. */
  EMPTY_ANSWER,
  /** A consensus voice too far from the median. */
  OUTLIER,
  /** A source outvoted inside its own independence group by a later observation of another member. */
  SUPERSEDED_IN_GROUP,
  /**
   * A voice far outside the pair's normal daily moves for its source, that no other independent group confirmed, set
   * aside because other voices remain (as a rate flag when it is the only one left).
   */
  UNCONFIRMED_JUMP,
  /** A pegged currency outside its band, not confirmed by another group (set aside, or a rate flag when alone). */
  PEG_BREAK
}
