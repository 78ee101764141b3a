package io.makerates.sources;

import java.time.LocalDate;
import java.util.Optional;

/**
 * An adapter for one API format: it knows the endpoints and how the provider reports errors,
 * nothing about HTTP transport, retries or Kafka. Parsing rates is streams-app's job; the extractor
 * stores answers as received.
 */
public interface RateSource {

  /**
   * The adapter name, stored as the bronze record's sourceType (e.g. frankfurter, ecb,
   * exchangerate-api).
   */
  String type();

  /** The latest published rates. */
  SourceRequest latest();

  /** The rates of one day (backfill in ISOLATED mode). */
  SourceRequest day(LocalDate date);

  /** The rates of a date range in one request (backfill in BATCH mode). */
  SourceRequest range(LocalDate from, LocalDate to);

  /**
   * What is wrong with an answer, judged by the provider's own conventions: its error reports
   * (exchangerate-api's {@code {"result":"error","error-type":"quota-reached"}} arrives with HTTP
   * 200) and, for a 2xx answer, a body that is not in the source's format at all. Rates are not
   * parsed here: that is streams-app's job.
   */
  default Optional<ProviderError> providerError(int status, byte[] body) {
    return Optional.empty();
  }

  /**
   * The rate date an answer is for, read from the body without parsing the rates, or empty when it
   * cannot be told. The scheduler uses it to keep polling a daily source until the new day's rates
   * are published.
   */
  default Optional<LocalDate> answerDate(byte[] body) {
    return Optional.empty();
  }

  /**
   * The longest date range worth asking for in one request (a backfill's BATCH chunk unless told
   * otherwise).
   */
  default int longestRangeDays() {
    return 31;
  }

  /**
   * True for a provider whose latest answer stays the same over many polls: one that answers every
   * request with its whole history (one file or table that grows by a day), or a weekly table. The
   * extractor then publishes a scheduled poll's answer only when it differs from the last one it
   * published, so that polls do not make a bronze record of years, or of last week, each.
   */
  default boolean repeatsItsLatestAnswer() {
    return false;
  }

  /**
   * Whether requests carry an API key: their URL or headers then hold {@link
   * SourceRequest#API_KEY_SLOT}.
   */
  default boolean usesApiKey() {
    return false;
  }
}
