package io.makerates.streams;

import io.makerates.runtime.Checksums;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ExtractionTrigger;
import io.makerates.schema.HttpRequestRecord;
import io.makerates.schema.HttpResponseRecord;
import io.makerates.schema.SourceTier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Bronze records as the extractor writes them, around the project's own fixture bodies. */
final class Bronzes {

  static final Instant EXTRACTED_AT = Instant.parse("2026-09-25T15:30:00Z");

  private Bronzes() {}

  static String fixture(String name) {
    try (InputStream in = Bronzes.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BronzeExtraction answer(String sourceId, String body) {
    return answer(
        sourceId,
        body,
        EXTRACTED_AT,
        UUID.nameUUIDFromBytes((sourceId + body).getBytes(StandardCharsets.UTF_8)));
  }

  static BronzeExtraction answer(
      String sourceId, String body, Instant extractedAt, UUID extractionId) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return builder(sourceId, extractedAt, extractionId)
        .setResponse(
            new HttpResponseRecord(
                200,
                Map.of("content-type", "application/json"),
                ByteBuffer.wrap(bytes),
                "application/json",
                (long) bytes.length,
                Checksums.sha256Hex(bytes)))
        .build();
  }

  static BronzeExtraction.Builder builder(String sourceId, Instant extractedAt, UUID extractionId) {
    return BronzeExtraction.newBuilder()
        .setExtractionId(extractionId)
        .setExtractedAt(extractedAt)
        .setSourceId(sourceId)
        .setSourceType("frankfurter")
        .setSourceVersion("v1")
        .setTier(SourceTier.PRIMARY)
        .setTrigger(ExtractionTrigger.SCHEDULE)
        .setRequest(
            new HttpRequestRecord(
                "https://api.frankfurter.dev/v1/latest", "GET", Map.of(), Map.of()))
        .setResponse(null)
        .setDurationMillis(42L)
        .setHost("test-host")
        .setInstance("test-instance")
        .setPipelineVersion("test");
  }
}
