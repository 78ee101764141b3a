package io.makerates.sources;

import java.util.Map;

/**
 * A request as the offline stub received it for one type: the path below the type's base URL (as
 * the adapter appended it, e.g. {@code /exrates/daily}), the decoded query, and the body of a POST
 * (null for none).
 */
public record OfflineRequest(String path, Map<String, String> query, String body) {

  public OfflineRequest {
    query = Map.copyOf(query);
  }

  /** A query parameter, or null. */
  public String param(String name) {
    return query.get(name);
  }
}
