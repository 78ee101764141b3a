package io.makerates.extractor.source;

import io.makerates.extractor.SourceConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The source types this build knows. A new API format is its adapter class (with its {@link
 * SourceType}) and one line in {@link #TYPES}; everything the extractor needs of a type is read
 * from there.
 */
public final class RateSources {

  static final List<SourceType> TYPES =
      List.of(
          FrankfurterSource.SOURCE_TYPE,
          EcbSource.SOURCE_TYPE,
          ExchangeRateApiSource.SOURCE_TYPE,
          BankOfCanadaSource.SOURCE_TYPE,
          CzechNationalBankSource.SOURCE_TYPE,
          NationalBankOfPolandSource.SOURCE_TYPE,
          NationalBankOfRomaniaSource.SOURCE_TYPE,
          BankOfEnglandSource.SOURCE_TYPE,
          BankOfRussiaSource.SOURCE_TYPE);

  private static final Map<String, SourceType> BY_ID = byId();

  private static Map<String, SourceType> byId() {
    Map<String, SourceType> byId = new LinkedHashMap<>();
    for (SourceType type : TYPES) {
      if (byId.put(type.id(), type) != null) {
        throw new IllegalStateException("source type " + type.id() + " is registered twice");
      }
    }
    return Map.copyOf(byId);
  }

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
    return unit.adapter().apply(config);
  }

  /** The configured base, else the type's default. */
  static String base(SourceConfig config) {
    return config.base() == null ? defaultBase(config.type()) : config.base();
  }
}
