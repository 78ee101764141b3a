package io.makerates.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Responses are written with Jackson's streaming generator: field order as Frankfurter has it, and
 * decimals written as plain numbers, never through a double.
 */
public final class JsonWriting {

  /** Writes the fields of one object. */
  @FunctionalInterface
  public interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private JsonWriting() {}

  /** One JSON object with the given fields, as bytes. */
  public static byte[] bytes(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      object(out, fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return out.toByteArray();
  }

  /** One JSON object with the given fields, written to {@code out} as they come. */
  public static void object(OutputStream out, Fields fields) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    }
  }

  /** A generator writing to {@code out} as this class writes, for answers that are no object. */
  public static JsonGenerator generator(OutputStream out) throws IOException {
    return FACTORY.createGenerator(out);
  }
}
