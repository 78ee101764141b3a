package io.makerates.runtime.trace;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.MDC;

/**
 * One id through the stages. The extractor gives every bronze record two headers: {@value
 * #EXTRACTION_ID} (the extraction id, also in the record itself) and a W3C {@value #TRACEPARENT}
 * whose trace id is that extraction id, so that an OpenTelemetry agent, when one is attached,
 * continues the same trace in streams-app and sink-app (Kafka Streams forwards an input record's
 * headers to what it produces from it). Every app puts the id into the logging context ({@value
 * #MDC_KEY}) while it handles the record, so each JSON log line about it carries it.
 */
public final class ExtractionTrace {

  public static final String EXTRACTION_ID = "makerates-extraction-id";
  public static final String TRACEPARENT = "traceparent";
  public static final String MDC_KEY = "extraction_id";

  private static final SecureRandom RANDOM = new SecureRandom();

  private ExtractionTrace() {}

  /** Adds the id and a trace context rooted at it to a new record's headers. */
  public static Headers addTo(Headers headers, UUID extractionId) {
    headers.remove(EXTRACTION_ID).remove(TRACEPARENT);
    headers.add(EXTRACTION_ID, extractionId.toString().getBytes(StandardCharsets.UTF_8));
    headers.add(TRACEPARENT, traceparent(extractionId).getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  /**
   * {@code 00-<trace id: the extraction id's 128 bits>-<a new span id>-01} (version 00, sampled).
   */
  public static String traceparent(UUID extractionId) {
    long span;
    do {
      span = RANDOM.nextLong();
    } while (span == 0); // an all-zero parent id is invalid
    HexFormat hex = HexFormat.of();
    return "00-"
        + hex.toHexDigits(extractionId.getMostSignificantBits())
        + hex.toHexDigits(extractionId.getLeastSignificantBits())
        + "-"
        + hex.toHexDigits(span)
        + "-01";
  }

  /** The extraction id a record's headers carry, if any. */
  public static Optional<String> extractionId(Headers headers) {
    if (headers == null) {
      return Optional.empty();
    }
    Header header = headers.lastHeader(EXTRACTION_ID);
    return header == null || header.value() == null
        ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  /** The logging context of one record; closing it restores what was there before. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Puts the id into the logging context until the returned scope is closed; a null id changes
   * nothing.
   */
  public static Scope logging(Object extractionId) {
    if (extractionId == null) {
      return () -> {};
    }
    String before = MDC.get(MDC_KEY);
    MDC.put(MDC_KEY, extractionId.toString());
    return () -> {
      if (before == null) {
        MDC.remove(MDC_KEY);
      } else {
        MDC.put(MDC_KEY, before);
      }
    };
  }
}
