package io.makerates.streams;

import io.makerates.schema.ConsensusRate;
import io.makerates.schema.Contribution;
import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;

/**
 * Short hashes that tell whether two answers, two decisions or two published records are the same:
 * the consensus keeps them in its state instead of the values themselves.
 */
public final class Fingerprints {

  private Fingerprints() {}

  /**
   * An answer's content: who said it, for which day, and every rate as sent; not when or in which
   * extraction.
   */
  public static String content(RateObservations o) {
    StringBuilder text =
        new StringBuilder()
            .append(o.getSourceId())
            .append('|')
            .append(o.getIndependenceGroup())
            .append('|')
            .append(o.getDate())
            .append('|')
            .append(o.getProviderBase())
            .append('|')
            .append(o.getPivot());
    o.getRates().stream()
        .sorted(Comparator.comparing(Observation::getQuote))
        .forEach(
            r ->
                text.append('|')
                    .append(r.getQuote())
                    .append('=')
                    .append(r.getRate())
                    .append('/')
                    .append(r.getProviderRate()));
    return hash(text);
  }

  /**
   * The whole record as published, revision and lineage included. Built field by field: Avro's
   * toString of a record with its lineage was a fifth of the consensus step's time.
   */
  static String record(ConsensusRate rate) {
    StringBuilder text =
        new StringBuilder(256)
            .append(rate.getDate())
            .append('|')
            .append(rate.getBase())
            .append('/')
            .append(rate.getQuote())
            .append('|')
            .append(rate.getRate())
            .append('|')
            .append(rate.getStatus())
            .append('|')
            .append(rate.getDerived())
            .append('|')
            .append(rate.getSourceCount())
            .append('|')
            .append(rate.getSpreadBps())
            .append('|')
            .append(rate.getConfidenceLow())
            .append('|')
            .append(rate.getConfidenceHigh())
            .append('|')
            .append(rate.getRevision())
            .append('|')
            .append(rate.getFlags());
    for (Contribution c : rate.getContributions()) {
      text.append('|')
          .append(c.getLeg())
          .append(':')
          .append(c.getSourceId())
          .append(':')
          .append(c.getIndependenceGroup())
          .append('=')
          .append(c.getValue())
          .append(':')
          .append(c.getExtractionId())
          .append('@')
          .append(c.getBronze().getTopic())
          .append('/')
          .append(c.getBronze().getPartition())
          .append('/')
          .append(c.getBronze().getOffset())
          .append(':')
          .append(c.getAccepted())
          .append(':')
          .append(c.getRejectionReason())
          .append(':')
          .append(c.getFlag());
    }
    return hash(text);
  }

  /** The rules a day was decided by: a replay under other rules re-decides it. */
  static String rules(Object... parts) {
    StringBuilder text = new StringBuilder();
    for (Object part : parts) {
      text.append(part).append('|');
    }
    return hash(text);
  }

  // one digest per thread: looking the algorithm up for every hash showed in the consensus step's
  // profile
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
          });

  private static String hash(CharSequence text) {
    byte[] digest = SHA256.get().digest(text.toString().getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(java.util.Arrays.copyOf(digest, 16));
  }
}
