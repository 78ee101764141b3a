package io.makerates.extractor.http;

import java.time.Duration;

/**
 * How an exchange went: success, or the error code, message, whether to retry and how long the
 * server asked us to wait.
 */
public record Verdict(ErrorCode errorCode, String message, boolean retryable, Duration retryAfter) {

  public static final Verdict OK = new Verdict(null, null, false, null);

  public boolean failed() {
    return errorCode != null;
  }
}
