package io.makerates.api.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raw query string as the parameters it names, decoded, in the order given: names in lower case
 * (Frankfurter reads {@code Base} as {@code base}), a repeated name's last value wins, a name
 * without {@code =} has the empty value. Shared by v1 and v2, which refuse differently.
 */
public final class QueryParams {

  private QueryParams() {}

  /**
   * @throws IllegalArgumentException when a name or value is not valid percent-encoding
   */
  public static Map<String, String> parse(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(name.toLowerCase(Locale.ROOT), value);
    }
    return params;
  }
}
