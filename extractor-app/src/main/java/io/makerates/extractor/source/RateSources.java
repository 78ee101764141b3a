package io.makerates.extractor.source;

import io.makerates.extractor.SourceConfig;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** The adapters this build knows, by source type; a new API format is one more entry here. */
public final class RateSources {

  private static final Map<String, Function<SourceConfig, RateSource>> ADAPTERS = Map.of(
      FrankfurterSource.TYPE, config -> new FrankfurterSource(config.baseUrl()));

  private static final Map<String, String> DEFAULT_BASE_URLS = Map.of(
      FrankfurterSource.TYPE, FrankfurterSource.DEFAULT_BASE_URL);

  private static final Map<String, String> DEFAULT_BASES = Map.of(
      FrankfurterSource.TYPE, "EUR");

  private RateSources() {}

  public static Set<String> types() {
    return new TreeSet<>(ADAPTERS.keySet());
  }

  public static boolean supports(String type) {
    return ADAPTERS.containsKey(type);
  }

  /** The base currency a source type is asked for unless configured otherwise. */
  public static String defaultBase(String type) {
    return DEFAULT_BASES.getOrDefault(type, "EUR");
  }

  /** The public endpoint of a source type, or null when the type has none that works without configuration. */
  public static String defaultBaseUrl(String type) {
    return DEFAULT_BASE_URLS.get(type);
  }

  public static RateSource create(SourceConfig config) {
    Function<SourceConfig, RateSource> adapter = ADAPTERS.get(config.type());
    if (adapter == null) {
      throw new IllegalArgumentException("no adapter for source type " + config.type());
    }
    return adapter.apply(config);
  }
}
