package io.makerates.sources;

import java.nio.charset.StandardCharsets;

/** What the offline stub sends back: a status, a content type and the exact body bytes. */
public record OfflineReply(int status, String contentType, byte[] body) {

  public static OfflineReply ok(String contentType, byte[] body) {
    return new OfflineReply(200, contentType, body);
  }

  public static OfflineReply ok(String contentType, String body) {
    return ok(contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The provider's own answer for a day without rates, as its real API sends it. */
  public static OfflineReply status(int status, String contentType, String body) {
    return new OfflineReply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }
}
