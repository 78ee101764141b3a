package io.makerates.extractor;

import io.makerates.schema.BronzeExtraction;
import java.util.List;

/** What one job came to: the record of every attempt, in order, and why it ended. */
public record ExtractionResult(List<BronzeExtraction> records, Outcome outcome, String detail) {

  public enum Outcome {
    /** The last attempt brought a usable answer. */
    SUCCEEDED(false),
    /** Retries ran out, or the answer is an error that retrying would not change. */
    FAILED(false),
    /**
     * The quota of the period is used up (by the ledger's count or the provider's word): nothing
     * more was sent.
     */
    QUOTA_SPENT(true),
    /** The provider refused the key, the previous one included. */
    KEY_REJECTED(true),
    /** The circuit breaker is open: the source was not called. */
    CIRCUIT_OPEN(true),
    /** The source's rate limiter had no permit within its wait. */
    RATE_LIMITED(true);

    private final boolean unavailable;

    Outcome(boolean unavailable) {
      this.unavailable = unavailable;
    }

    /** The source cannot serve now whatever is asked: the failover chain moves on. */
    public boolean sourceUnavailable() {
      return unavailable;
    }
  }

  public ExtractionResult {
    records = List.copyOf(records);
  }

  public boolean succeeded() {
    return outcome == Outcome.SUCCEEDED;
  }
}
