package io.makerates.sources;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The source types of this build, found on the class path: each type's package registers itself
 * ({@link SourceTypeProvider}), so adding a type is adding its package and nothing else.
 */
public final class SourceTypes {

  private static final Map<String, SourceType> BY_ID = load();

  private SourceTypes() {}

  private static Map<String, SourceType> load() {
    Map<String, SourceType> byId = new TreeMap<>();
    for (SourceTypeProvider provider :
        ServiceLoader.load(SourceTypeProvider.class, SourceTypes.class.getClassLoader())) {
      SourceType type = provider.sourceType();
      SourceType earlier = byId.put(type.id(), type);
      if (earlier != null) {
        throw new IllegalStateException(
            "source type '" + type.id() + "' is registered twice (" + provider.getClass() + ")");
      }
    }
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
}
