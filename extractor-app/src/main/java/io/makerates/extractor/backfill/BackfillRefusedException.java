package io.makerates.extractor.backfill;

/**
 * A backfill that must not start (quota too small, unknown source, bad range): the message says why
 * and what to do.
 */
public final class BackfillRefusedException extends RuntimeException {

  public BackfillRefusedException(String message) {
    super(message);
  }
}
