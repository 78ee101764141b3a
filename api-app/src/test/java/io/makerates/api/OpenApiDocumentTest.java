package io.makerates.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.makerates.api.v1.V1Query;
import io.makerates.api.v2.V2Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document against the code: every reference resolves, and each operation lists exactly
 * the query parameters its parser accepts (a parameter added to the code but not to the document,
 * or the other way round, fails here). The shapes of the answers are checked against it in the
 * contract tests, on the real stack.
 */
class OpenApiDocumentTest {

  private final OpenApiContract contract = new OpenApiContract();
  private final JsonNode document = contract.document();

  @Test
  void isOpenApi31AndEveryReferenceResolves() {
    assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);
    assertThat(refs).isNotEmpty();
    assertThat(refs)
        .allSatisfy(
            ref ->
                assertThat(document.at(ref.substring(1)).isMissingNode())
                    .as(ref + " resolves")
                    .isFalse());
  }

  @Test
  void v1OperationsListExactlyTheParametersV1Accepts() {
    for (String path : List.of("/v1/latest", "/v1/{dates}")) {
      assertThat(queryParameters(path)).as(path).isEqualTo(new TreeSet<>(V1Query.PARAMETERS));
    }
    assertThat(queryParameters("/v1/currencies")).isEmpty();
  }

  @Test
  void v2OperationsListExactlyTheParametersV2Accepts() {
    for (String path : List.of("/v2/rates", "/v2/rates.csv")) {
      assertThat(queryParameters(path)).as(path).isEqualTo(new TreeSet<>(V2Query.PARAMETERS));
    }
    assertThat(queryParameters("/v2/currencies")).isEmpty();
    assertThat(queryParameters("/v2/providers")).isEmpty();
  }

  @Test
  void anAnswerOfAnotherShapeFailsTheCheck() throws Exception {
    String day = "{\"amount\":1.0,\"base\":\"EUR\",\"date\":\"2026-03-05\",\"rates\":";
    contract.assertAnswers("/v1/latest", 200, day + "{\"USD\":1.16}}");
    assertThatThrownBy(() -> contract.assertAnswers("/v1/latest", 200, day + "{\"USD\":\"1\"}}"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> contract.assertAnswers("/v1/latest", 200, day + "{},\"extra\":1}"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> contract.assertAnswers("/v1/latest", 422, "{\"error\":\"x\"}"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> contract.assertAnswers("/v1/latest", 418, "{}"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void theDocumentIsServedAtItsPath() {
    assertThat(document.path("paths").has(ApiRoutes.DOCUMENT_PATH)).isTrue();
    assertThat(ApiRoutes.names()).contains("openapi");
  }

  private Set<String> queryParameters(String path) {
    Set<String> names = new TreeSet<>();
    for (JsonNode parameter : document.path("paths").path(path).path("get").path("parameters")) {
      JsonNode resolved = contract.resolve(parameter);
      if (resolved.path("in").asText().equals("query")) {
        names.add(resolved.path("name").asText());
      }
    }
    return names;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.has("$ref")) {
      refs.add(node.get("$ref").asText());
    }
    node.forEach(child -> collectRefs(child, refs));
  }
}
