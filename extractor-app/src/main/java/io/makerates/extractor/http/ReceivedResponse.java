package io.makerates.extractor.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP answer as received; {@code body} is the decompressed bytes, exactly as they arrived
 * otherwise.
 */
public record ReceivedResponse(int status, Map<String, List<String>> headers, byte[] body) {

  public ReceivedResponse {
    headers = Map.copyOf(headers);
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0))
        .findFirst();
  }
}
