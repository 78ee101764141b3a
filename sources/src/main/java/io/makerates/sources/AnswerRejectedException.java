package io.makerates.sources;

import io.makerates.schema.ReasonCode;

/**
 * A whole provider answer refused by a parser, with the reason code its rejection record will
 * carry.
 */
public final class AnswerRejectedException extends Exception {

  private final ReasonCode reason;

  public AnswerRejectedException(ReasonCode reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public ReasonCode reason() {
    return reason;
  }
}
