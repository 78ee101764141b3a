package io.makerates.api;

import io.makerates.api.http.ApiServer;
import io.makerates.api.http.Reply;
import io.makerates.api.v1.V1Routes;
import io.makerates.api.v2.V2Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which part of the API a path belongs to: v2 (at {@code /v2}), v1 (at {@code /v1} and at the root,
 * as Frankfurter's original host served it), the OpenAPI document, or nothing ("not found").
 */
final class ApiRoutes implements ApiServer.Routes {

  /** Where the API describes itself. */
  static final String DOCUMENT_PATH = "/openapi.json";

  private static final String DOCUMENT_RESOURCE = "/openapi.json";

  private final V1Routes v1;
  private final V2Routes v2;
  private final byte[] document;

  ApiRoutes(V1Routes v1, V2Routes v2) {
    this.v1 = v1;
    this.v2 = v2;
    this.document = document();
  }

  /** Every route name answers are counted under, so that their series exist from the start. */
  static List<String> names() {
    List<String> names = new ArrayList<>(V1Routes.ROUTES);
    names.addAll(V2Routes.ROUTES);
    names.addAll(List.of("root", "openapi"));
    return names;
  }

  @Override
  public ApiServer.Routed answer(String method, String path, String query, String accept)
      throws SQLException {
    if (path.equals("/v2") || path.startsWith("/v2/")) {
      return v2.answer(path.substring(3), query, accept)
          .orElseGet(() -> new ApiServer.Routed("not-found", V2Routes.notFound()));
    }
    if (path.equals(DOCUMENT_PATH)) {
      return new ApiServer.Routed(
          "openapi",
          new Reply(200, Reply.JSON, Map.of(), new Reply.Whole(document))
              .with("Cache-Control", "public, max-age=3600"));
    }
    String v1Path = path.equals("/v1") || path.startsWith("/v1/") ? path.substring(3) : path;
    if (v1Path.isEmpty() || v1Path.equals("/")) {
      return new ApiServer.Routed(
          "root",
          Reply.json(
              200,
              "{\"version\":\"v1\",\"status\":\"frozen\",\"docs\":\"" + DOCUMENT_PATH + "\"}"));
    }
    Optional<ApiServer.Routed> answer = v1.answer(v1Path, query);
    return answer.orElseGet(
        () -> new ApiServer.Routed("not-found", Reply.message(404, "not found")));
  }

  /** The OpenAPI document, as the build checked it against the routes. */
  static byte[] document() {
    try (InputStream in = ApiRoutes.class.getResourceAsStream(DOCUMENT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT_RESOURCE + " is missing from api-app's jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
