package io.makerates.extractor.http;

import io.makerates.sources.ProviderError;
import io.makerates.sources.RateSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns an exchange into a verdict: status classes, the provider's own error reports, and
 * Retry-After.
 */
public final class ResponseClassifier {

  private final Duration longestWait;

  /**
   * @param longestWait a Retry-After beyond this ends the retries (the next scheduled poll tries
   *     again)
   */
  public ResponseClassifier(Duration longestWait) {
    this.longestWait = longestWait;
  }

  public Verdict classify(Exchange exchange, RateSource source) {
    if (exchange.failure() != null) {
      return new Verdict(
          exchange.failure(), exchange.failureMessage(), exchange.failure().retryable(), null);
    }
    ReceivedResponse response = exchange.response();
    int status = response.status();
    Optional<ProviderError> providerError = source.providerError(status, response.body());
    if (providerError.isPresent()) {
      ErrorCode code =
          switch (providerError.get().kind()) {
            case QUOTA_EXHAUSTED -> ErrorCode.QUOTA_EXHAUSTED;
            case KEY_REJECTED -> ErrorCode.KEY_REJECTED;
            case MALFORMED -> ErrorCode.MALFORMED_BODY;
            case NO_DATA -> ErrorCode.NO_DATA;
            case OTHER -> ErrorCode.PROVIDER_ERROR;
          };
      return new Verdict(
          code, "HTTP " + status + ": " + providerError.get().message(), code.retryable(), null);
    }
    if (status >= 200 && status < 300) {
      return Verdict.OK;
    }
    if (status >= 300 && status < 400) {
      return new Verdict(
          ErrorCode.REDIRECT,
          "HTTP "
              + status
              + " to "
              + response.header("Location").orElse("(no Location)")
              + " not followed",
          false,
          null);
    }
    if (status == 429 || status >= 500) {
      ErrorCode code = status == 429 ? ErrorCode.HTTP_429 : ErrorCode.HTTP_5XX;
      Duration retryAfter =
          status == 429 || status == 503
              ? response
                  .header("Retry-After")
                  .flatMap(v -> RetryAfter.parse(v, answeredAt(exchange)))
                  .orElse(null)
              : null;
      if (retryAfter != null && retryAfter.compareTo(longestWait) > 0) {
        return new Verdict(
            code,
            "HTTP "
                + status
                + ", Retry-After "
                + retryAfter.toSeconds()
                + "s is longer than the "
                + longestWait.toSeconds()
                + "s retries may wait",
            false,
            retryAfter);
      }
      return new Verdict(code, "HTTP " + status, true, retryAfter);
    }
    return new Verdict(ErrorCode.HTTP_4XX, "HTTP " + status, status == 408, null);
  }

  private static Instant answeredAt(Exchange exchange) {
    return exchange.sentAt().plusMillis(exchange.durationMillis());
  }
}
