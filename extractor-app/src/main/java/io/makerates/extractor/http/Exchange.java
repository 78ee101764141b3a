package io.makerates.extractor.http;

import java.time.Instant;
import java.util.Map;

/**
 * What one HTTP attempt produced: the headers actually sent and either an answer or the failure
 * that prevented one (then {@code response} is null). A transport failure is a value here, not an
 * exception, because it must be recorded.
 */
public record Exchange(
    Instant sentAt,
    long durationMillis,
    Map<String, String> requestHeaders,
    ReceivedResponse response,
    ErrorCode failure,
    String failureMessage) {

  public Exchange {
    requestHeaders = Map.copyOf(requestHeaders);
  }
}
