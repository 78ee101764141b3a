package io.makerates.extractor.source;

import java.time.LocalDate;
import java.util.Optional;

/**
 * An adapter for one API format: it knows the endpoints and how the provider reports errors, nothing about HTTP
 * transport, retries or Kafka. Parsing rates is streams-app's job; the extractor stores answers as received.
 */
public interface RateSource {

  /** The adapter name, stored as the bronze record's sourceType (e.g. frankfurter, ecb, exchangerate-api). */
  String type();

  /** The latest published rates. */
  SourceRequest latest();

  /** The rates of one day (backfill in ISOLATED mode). */
  SourceRequest day(LocalDate date);

  /** The rates of a date range in one request (backfill in BATCH mode). */
  SourceRequest range(LocalDate from, LocalDate to);

  /**
   * The provider's own error report in an answer, if it has one (e.g. exchangerate-api's
   * {@code {"result":"error","error-type":"quota-reached"}} arrives with HTTP 200).
   */
  default Optional<String> providerError(int status, byte[] body) {
    return Optional.empty();
  }
}
