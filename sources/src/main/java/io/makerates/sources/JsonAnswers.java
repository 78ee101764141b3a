package io.makerates.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * Shape checks shared by the JSON sources: is a 2xx body a JSON object at all (not an HTML page,
 * not cut off)?
 */
public final class JsonAnswers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonAnswers() {}

  /** The body as JSON, or a missing node when it is none: lookups on it then find nothing. */
  public static JsonNode tree(byte[] body) {
    if (body == null || body.length == 0) {
      return JSON.missingNode();
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  /** Why {@code body} is not a complete JSON object, or empty when it is one. */
  public static Optional<String> objectProblem(byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.of("empty body");
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        return Optional.of(
            "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
      }
      return Optional.empty();
    } catch (JsonProcessingException e) {
      String start =
          new String(body, 0, Math.min(body.length, 40), java.nio.charset.StandardCharsets.UTF_8)
              .strip();
      return Optional.of(
          (start.startsWith("<") ? "an HTML or XML page" : "unparseable JSON")
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      return Optional.of("unreadable body: " + e.getMessage());
    }
  }
}
