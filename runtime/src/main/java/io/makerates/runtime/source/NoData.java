package io.makerates.runtime.source;

/**
 * A provider's answer that it has no rates for the dates asked (a bank holiday, a weekend): no
 * answer, not an error. The extractor records it with this error code; streams-app makes nothing of
 * it (no rates, no rejection); a backfill counts its dates as extracted, so that a holiday is not
 * asked again on every run.
 */
public final class NoData {

  /** The bronze record's {@code errorCode} of such an answer. */
  public static final String ERROR_CODE = "NO_DATA";

  private NoData() {}
}
