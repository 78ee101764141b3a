package io.makerates.sources;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The source types of this build, found on the class path: each type's package registers itself
 * ({@link SourceTypeProvider}), so adding a type is adding its package and nothing else.
 */
public final class SourceTypes {

  private static final Map<String, SourceTypeProvider> PROVIDERS = load();
  private static final Map<String, SourceType> BY_ID = types();

  private SourceTypes() {}

  private static Map<String, SourceTypeProvider> load() {
    Map<String, SourceTypeProvider> byId = new TreeMap<>();
    for (SourceTypeProvider provider :
        ServiceLoader.load(SourceTypeProvider.class, SourceTypes.class.getClassLoader())) {
      SourceType type = provider.sourceType();
      SourceTypeProvider earlier = byId.put(type.id(), provider);
      if (earlier != null) {
        throw new IllegalStateException(
            "source type '" + type.id() + "' is registered twice (" + provider.getClass() + ")");
      }
    }
    return Map.copyOf(byId);
  }

  private static Map<String, SourceType> types() {
    Map<String, SourceType> byId = new TreeMap<>();
    PROVIDERS.forEach((id, provider) -> byId.put(id, provider.sourceType()));
    return Map.copyOf(byId);
  }

  /** Every type, by id. */
  public static Map<String, SourceType> byId() {
    return new TreeMap<>(BY_ID);
  }

  public static Collection<SourceType> all() {
    return byId().values();
  }

  /** The type's unit; empty for an id this build does not know. */
  public static Optional<SourceType> type(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  /** The parser of every type, by id: what streams-app reads bronze records with. */
  public static Map<String, AnswerParser> parsers() {
    Map<String, AnswerParser> parsers = new TreeMap<>();
    BY_ID.forEach((id, type) -> parsers.put(id, type.parser()));
    return Map.copyOf(parsers);
  }

  /** The independence group of a source under each type's id. */
  public static Map<String, String> defaultGroups() {
    Map<String, String> groups = new TreeMap<>();
    BY_ID.forEach((id, type) -> groups.put(id, type.defaultGroup()));
    return groups;
  }

  /** The type's provider played offline; empty for an unknown type or one without samples. */
  public static Optional<SampleAnswers> samples(String id) {
    return Optional.ofNullable(PROVIDERS.get(id)).flatMap(SourceTypeProvider::samples);
  }

  /** Whether the type's voice is an official one (a central bank's, or a mirror of one). */
  public static boolean official(String id) {
    return Optional.ofNullable(PROVIDERS.get(id)).map(SourceTypeProvider::official).orElse(false);
  }

  /**
   * Where a source of the type fails over by default: a mirror to the type named like its group
   * (Frankfurter to the ECB), every other type nowhere.
   */
  public static List<String> defaultFailover(String id) {
    SourceTypeProvider provider = PROVIDERS.get(id);
    if (provider == null || !provider.mirror()) {
      return List.of();
    }
    String publisher = provider.sourceType().defaultGroup().toLowerCase(Locale.ROOT);
    return PROVIDERS.containsKey(publisher) ? List.of(publisher) : List.of();
  }

  /** The type's own lag of a fresh latest answer, in days (0 for an unknown type or none). */
  public static int latestLagDays(String id) {
    return Optional.ofNullable(PROVIDERS.get(id)).map(SourceTypeProvider::latestLagDays).orElse(0);
  }

  /** Whether the type's rates vote through its group's EUR rate of their home currency. */
  public static boolean eurLegFromGroup(String id) {
    return Optional.ofNullable(PROVIDERS.get(id))
        .map(SourceTypeProvider::eurLegFromGroup)
        .orElse(false);
  }
}
