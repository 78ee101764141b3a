package io.makerates.sources;

import java.net.URI;

/**
 * Configured base URLs are written with or without a trailing slash; paths are appended to the form
 * without.
 */
public final class BaseUrl {

  private BaseUrl() {}

  /** {@code ?a=1&b=2} from the parameters in their order, or "" for none. */
  public static String query(java.util.Map<String, String> params) {
    StringBuilder query = new StringBuilder();
    params.forEach(
        (name, value) ->
            query.append(query.isEmpty() ? '?' : '&').append(name).append('=').append(value));
    return query.toString();
  }

  public static String withoutTrailingSlash(URI baseUrl) {
    String text = baseUrl.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
