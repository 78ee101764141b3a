package io.makerates.extractor;

import io.makerates.extractor.http.Exchange;
import io.makerates.runtime.Checksums;
import io.makerates.schema.ExtractionTrigger;
import io.makerates.sources.RateSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * For a provider that answers with its whole history (RBA, the Bank of Botswana, CBN, CBK): a
 * scheduled poll whose answer is byte for byte the last one published adds nothing, so it is not
 * published again; years of rates are stored once per change, not once per poll. Only what was
 * published is remembered (in memory: after a restart the first answer is stored again, which the
 * consensus reads as a repeat). Backfills and failed answers are never held back.
 */
final class UnchangedAnswers {

  private final RateSource source;
  private final AtomicReference<String> lastPublished = new AtomicReference<>();

  UnchangedAnswers(RateSource source) {
    this.source = source;
  }

  /** Whether this attempt's answer repeats the last one published and is not to be stored. */
  boolean repeats(ExtractionJob job, Exchange exchange, boolean failed) {
    String sha = candidate(job, exchange, failed);
    return sha != null && sha.equals(lastPublished.get());
  }

  /** Remembers an answer that was published. */
  void published(ExtractionJob job, Exchange exchange, boolean failed) {
    String sha = candidate(job, exchange, failed);
    if (sha != null) {
      lastPublished.set(sha);
    }
  }

  private String candidate(ExtractionJob job, Exchange exchange, boolean failed) {
    boolean scheduledLatest =
        job.trigger() == ExtractionTrigger.SCHEDULE && job.request().requestedFrom() == null;
    if (!source.repeatsItsLatestAnswer()
        || !scheduledLatest
        || failed
        || exchange.response() == null) {
      return null;
    }
    return Checksums.sha256Hex(exchange.response().body());
  }
}
