package io.makerates.extractor.http;

/** Reason codes of failed attempts, as stored in BronzeExtraction.errorCode and the outcome tag of the metrics. */
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
  PROVIDER_ERROR(false);

  private final boolean retryable;

  ErrorCode(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
