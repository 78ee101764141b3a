package io.makerates.extractor.quota;

/**
 * No request may be sent: the source's quota for the current period is used up. Nothing was sent.
 */
public final class QuotaSpentException extends RuntimeException {

  public QuotaSpentException(String message) {
    super(message);
  }
}
