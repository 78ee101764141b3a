package io.makerates.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API's OpenAPI document, read as the app serves it, and a check of an answer against the
 * schema the document gives for its path and status: the contract tests run every answer they get
 * through it, so a shape the document does not describe fails the build.
 */
final class OpenApiContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private static final Pattern V1_DATES =
      Pattern.compile("/\\d{4}-\\d{2}-\\d{2}(\\.\\.(\\d{4}-\\d{2}-\\d{2})?)?");

  private final JsonNode document;

  OpenApiContract() {
    try {
      document = JSON.readTree(ApiRoutes.document());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode document() {
    return document;
  }

  /**
   * Fails unless {@code body} matches the JSON schema for {@code path}'s GET and {@code status}.
   */
  void assertAnswers(String path, int status, String body) throws IOException {
    JsonNode operation = document.path("paths").path(path).path("get");
    assertThat(operation.isMissingNode()).as("the document has GET " + path).isFalse();
    JsonNode response = resolve(operation.path("responses").path(Integer.toString(status)));
    assertThat(response.isMissingNode())
        .as("the document gives GET " + path + " a " + status + " answer")
        .isFalse();
    JsonNode schema = response.path("content").path("application/json").path("schema");
    assertThat(schema.isMissingNode()).as(path + " " + status + " has a JSON schema").isFalse();
    Set<ValidationMessage> problems = schema(schema).validate(JSON.readTree(body));
    assertThat(problems).as("GET " + path + " " + status + ": " + body).isEmpty();
  }

  /**
   * Checks a JSON answer against the schema of the documented path it came from (v1's root aliases
   * under their {@code /v1} names); CSV, 304 and paths the document does not name pass unchecked.
   */
  void check(HttpResponse<String> answer) throws IOException {
    boolean json =
        answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
    Optional<String> path = documentedPath(answer.uri().getPath());
    if (json && answer.statusCode() != 304 && path.isPresent()) {
      assertAnswers(path.get(), answer.statusCode(), answer.body());
    }
  }

  private Optional<String> documentedPath(String requested) {
    if (document.path("paths").has(requested)) {
      return Optional.of(requested);
    }
    String v1 = requested.startsWith("/v1/") ? requested.substring(3) : requested;
    if (v1.equals("/current")) {
      v1 = "/latest";
    }
    if (V1_DATES.matcher(v1).matches()) {
      v1 = "/{dates}";
    }
    return document.path("paths").has("/v1" + v1) ? Optional.of("/v1" + v1) : Optional.empty();
  }

  /** Follows a {@code $ref} within the document. */
  JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref == null ? node : document.at(ref.asText().substring(1));
  }

  /**
   * A JSON schema of {@code schema} that resolves the document's {@code #/components/schemas/...}
   * references, which JSON Schema knows as {@code $defs}.
   */
  private JsonSchema schema(JsonNode schema) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.set("$defs", document.path("components").path("schemas"));
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      root.set(field.getKey(), field.getValue());
    }
    String text = JSON.writeValueAsString(root).replace("#/components/schemas/", "#/$defs/");
    return SCHEMAS.getSchema(JSON.readTree(text));
  }
}
