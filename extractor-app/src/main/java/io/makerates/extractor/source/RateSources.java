package io.makerates.extractor.source;

import io.makerates.extractor.SourceConfig;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** The adapters this build knows, by source type; a new API format is one more entry here. */
public final class RateSources {

  private static final Map<String, Function<SourceConfig, RateSource>> ADAPTERS = Map.of(
      FrankfurterSource.TYPE, config -> new FrankfurterSource(config.baseUrl(), base(config)),
      EcbSource.TYPE, config -> new EcbSource(config.baseUrl()),
      ExchangeRateApiSource.TYPE, config -> new ExchangeRateApiSource(config.baseUrl(), base(config), config.keyed()),
      BankOfCanadaSource.TYPE, config -> new BankOfCanadaSource(config.baseUrl()));

  /** The endpoints that work without a key. */
  private static final Map<String, String> DEFAULT_BASE_URLS = Map.of(
      FrankfurterSource.TYPE, FrankfurterSource.DEFAULT_BASE_URL,
      EcbSource.TYPE, EcbSource.DEFAULT_BASE_URL,
      ExchangeRateApiSource.TYPE, ExchangeRateApiSource.OPEN_BASE_URL,
      BankOfCanadaSource.TYPE, BankOfCanadaSource.DEFAULT_BASE_URL);

  /** Where a type is served from another host when a key is configured. */
  private static final Map<String, String> KEYED_BASE_URLS = Map.of(
      ExchangeRateApiSource.TYPE, ExchangeRateApiSource.KEYED_BASE_URL);

  private static final Map<String, String> DEFAULT_BASES = Map.of(
      FrankfurterSource.TYPE, "EUR",
      EcbSource.TYPE, EcbSource.BASE,
      ExchangeRateApiSource.TYPE, ExchangeRateApiSource.DEFAULT_BASE,
      BankOfCanadaSource.TYPE, BankOfCanadaSource.BASE);

  /** Sources that publish against one currency only: asking them for another base cannot be honoured. */
  private static final Map<String, String> FIXED_BASES = Map.of(
      EcbSource.TYPE, EcbSource.BASE,
      BankOfCanadaSource.TYPE, BankOfCanadaSource.BASE);

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

  /** The public endpoint of a source type without a key; see {@link #defaultBaseUrl(String, boolean)}. */
  public static String defaultBaseUrl(String type) {
    return defaultBaseUrl(type, false);
  }

  /**
   * The public endpoint of a source type, or null when the type has none that works without configuration. A keyed
   * source may live elsewhere than the open one (exchangerate-api: v6.exchangerate-api.com against open.er-api.com).
   */
  public static String defaultBaseUrl(String type, boolean keyed) {
    String keyedUrl = keyed ? KEYED_BASE_URLS.get(type) : null;
    return keyedUrl != null ? keyedUrl : DEFAULT_BASE_URLS.get(type);
  }

  /** @throws IllegalArgumentException for an unknown type, or a base currency the source does not publish against */
  public static RateSource create(SourceConfig config) {
    Function<SourceConfig, RateSource> adapter = ADAPTERS.get(config.type());
    if (adapter == null) {
      throw new IllegalArgumentException("no adapter for source type " + config.type());
    }
    String fixedBase = FIXED_BASES.get(config.type());
    if (fixedBase != null && config.base() != null && !fixedBase.equalsIgnoreCase(config.base())) {
      throw new IllegalArgumentException("source " + config.id() + " (type " + config.type() + ") publishes " + fixedBase
          + "-based rates only, so base " + config.base() + " cannot be asked for: set its base to " + fixedBase
          + " or leave it unset");
    }
    return adapter.apply(config);
  }

  private static String base(SourceConfig config) {
    return config.base() == null ? defaultBase(config.type()) : config.base();
  }
}
