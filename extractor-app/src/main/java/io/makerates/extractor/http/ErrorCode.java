package io.makerates.extractor.http;

/**
 * Reason codes of failed attempts, as stored in BronzeExtraction.errorCode and the outcome tag of
 * the metrics.
 */
public enum ErrorCode {
  /** Too many requests; retried after Retry-After. */
  HTTP_429(true),
  /** Server error; retried. */
  HTTP_5XX(true),
  /** Client error without a provider message; retrying the same request would not help. */
  HTTP_4XX(false),
  /** A 3xx answer: redirects are recorded, never followed silently. */
  REDIRECT(false),
  /** No complete answer within the request timeout. */
  TIMEOUT(true),
  /** Could not connect (refused, unresolved host, connect timeout). */
  CONNECT_ERROR(true),
  /** TLS handshake failed: certificate, host name or protocol version. Never retried. */
  TLS_ERROR(false),
  /** Any other transport failure (connection reset mid-answer...). */
  IO_ERROR(true),
  /** The body was encoded in a way that could not be undone; the raw bytes are stored. */
  CONTENT_DECODING(false),
  /** The provider reported an error in its own format. */
  PROVIDER_ERROR(false),
  /**
   * The provider says the quota is spent: the source hands over to the next of its failover chain.
   */
  QUOTA_EXHAUSTED(false),
  /**
   * The provider refuses the API key: the previous key is tried within its grace period, else
   * failover.
   */
  KEY_REJECTED(false),
  /**
   * The answer is not in the source's format (an HTML error page, a truncated or unparseable body);
   * retried.
   */
  MALFORMED_BODY(true),
  /**
   * The source's own quota or rate limit, kept by the extractor, allows no request now: nothing was
   * sent.
   */
  QUOTA_GUARD(false),
  /**
   * The provider has no rates for the dates asked (a holiday): recorded, neither retried nor
   * rejected downstream.
   */
  NO_DATA(false);

  private final boolean retryable;

  ErrorCode(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
