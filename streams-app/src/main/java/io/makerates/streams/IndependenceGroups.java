package io.makerates.streams;

import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import io.makerates.sources.SourceTypes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which sources are one voice in the consensus because they republish the same primary data
 * (frankfurter republishes the ECB reference rates). A source not listed is its own group.
 */
public final class IndependenceGroups {

  /** Each type's group for a source under the type's id, as the type's package defines it. */
  public static final List<String> DEFAULTS =
      SourceTypes.defaultGroups().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue())
          .toList();

  private final Map<String, String> groupBySource;

  public IndependenceGroups(Map<String, String> groupBySource) {
    this.groupBySource = Map.copyOf(groupBySource);
  }

  public static IndependenceGroups defaults() {
    return parse(DEFAULTS, "default");
  }

  /** {@code MAKERATES_INDEPENDENCE_GROUPS=frankfurter=ECB,ecb=ECB,exchangerate-api=ERAPI}. */
  public static IndependenceGroups from(Settings settings) {
    return parse(
        settings.list("independence.groups", DEFAULTS), Settings.variable("independence.groups"));
  }

  private static IndependenceGroups parse(List<String> entries, String origin) {
    Map<String, String> groups = new HashMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new ConfigException(origin + ": '" + entry + "' is not source=GROUP");
      }
      groups.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return new IndependenceGroups(groups);
  }

  public String groupOf(String sourceId) {
    return groupBySource.getOrDefault(sourceId, sourceId);
  }
}
