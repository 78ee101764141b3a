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
  NON_ISO_CURRENCY,
  FUTURE_DATE,
  /** A well-formed answer without a single rate. */
  EMPTY_ANSWER,
  /** A consensus voice too far from the median. */
  OUTLIER,
  /** A source outvoted inside its own independence group by a later observation of another member. */
  SUPERSEDED_IN_GROUP
}
