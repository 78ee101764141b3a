package io.makerates.api.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer: a whole body (which gets an ETag) or a streamed one (a long range, written as it
 * is read).
 */
public record Reply(int status, String contentType, Map<String, String> headers, Body body) {

  public static final String JSON = "application/json; charset=utf-8";

  /** Writes the body. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** A body known in full: its bytes. */
  public record Whole(byte[] bytes) implements Body {
    @Override
    public void writeTo(OutputStream out) throws IOException {
      out.write(bytes);
    }
  }

  public Reply {
    headers = new LinkedHashMap<>(headers);
  }

  public static Reply json(int status, String json) {
    return new Reply(status, JSON, Map.of(), new Whole(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** Frankfurter's error shape: {@code {"message":"..."}}. */
  public static Reply message(int status, String message) {
    return new Reply(
        status,
        JSON,
        Map.of(),
        new Whole(JsonWriting.bytes(g -> g.writeStringField("message", message))));
  }

  public Reply with(String header, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(header, value);
    return new Reply(status, contentType, more, body);
  }
}
