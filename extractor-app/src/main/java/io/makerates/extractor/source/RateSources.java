package io.makerates.extractor.source;

import io.makerates.extractor.SourceConfig;
import io.makerates.sources.AdapterConfig;
import io.makerates.sources.RateSource;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The source types this build knows, as the extractor needs them: found by {@link SourceTypes}
 * (each type is one package of the sources module), built from a configured source.
 */
public final class RateSources {

  private static final Map<String, SourceType> BY_ID = SourceTypes.byId();

  /** The type's unit; empty for an id this build does not know. */
  public static Optional<SourceType> type(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  private RateSources() {}

  public static Set<String> types() {
    return new TreeSet<>(BY_ID.keySet());
  }

  public static boolean supports(String type) {
    return BY_ID.containsKey(type);
  }

  /** The base currency a source type is asked for unless configured otherwise. */
  public static String defaultBase(String type) {
    return type(type).map(SourceType::defaultBase).orElse("EUR");
  }

  /**
   * The public endpoint of a source type without a key; see {@link #defaultBaseUrl(String,
   * boolean)}.
   */
  public static String defaultBaseUrl(String type) {
    return defaultBaseUrl(type, false);
  }

  /**
   * The public endpoint of a source type, or null when the type has none that works without
   * configuration. A keyed source may live elsewhere than the open one (exchangerate-api:
   * v6.exchangerate-api.com against open.er-api.com).
   */
  public static String defaultBaseUrl(String type, boolean keyed) {
    SourceType unit = BY_ID.get(type);
    if (unit == null) {
      return null;
    }
    return keyed && unit.keyedBaseUrl() != null ? unit.keyedBaseUrl() : unit.defaultBaseUrl();
  }

  /**
   * @throws IllegalArgumentException for an unknown type, or a base currency the source does not
   *     publish against
   */
  public static RateSource create(SourceConfig config) {
    SourceType unit = BY_ID.get(config.type());
    if (unit == null) {
      throw new IllegalArgumentException("no adapter for source type " + config.type());
    }
    String fixedBase = unit.fixedBase() ? unit.defaultBase() : null;
    if (fixedBase != null && config.base() != null && !fixedBase.equalsIgnoreCase(config.base())) {
      throw new IllegalArgumentException(
          "source "
              + config.id()
              + " (type "
              + config.type()
              + ") publishes "
              + fixedBase
              + "-based rates only, so base "
              + config.base()
              + " cannot be asked for: set its base to "
              + fixedBase
              + " or leave it unset");
    }
    return unit.adapter()
        .apply(
            new AdapterConfig(
                config.id(), config.type(), config.baseUrl(), base(config), config.keyed()));
  }

  /** The types whose public endpoint needs no key: each is on by default, under its own id. */
  public static List<String> keyless() {
    return BY_ID.values().stream()
        .filter(
            type ->
                !type.adapter()
                    .apply(
                        new AdapterConfig(
                            type.id(),
                            type.id(),
                            java.net.URI.create(type.defaultBaseUrl()),
                            type.defaultBase(),
                            false))
                    .usesApiKey())
        .map(SourceType::id)
        .toList();
  }

  /** The configured base, else the type's default. */
  static String base(SourceConfig config) {
    return config.base() == null ? defaultBase(config.type()) : config.base();
  }
}
