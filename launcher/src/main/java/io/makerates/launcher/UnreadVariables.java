package io.makerates.launcher;

import io.makerates.runtime.config.Settings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which variables given to {@code up} that no app reads are worth a warning. Every one of the
 * {@code --config} file is: the file is written for the apps. One of the shell only when it looks
 * meant for them: a near miss of a name they read (a typo), or a setting of a source that
 * MAKERATES_SOURCES does not list. Other {@code MAKERATES_*} variables of a shell often belong to
 * the user's own scripts, and a warning about each of them at every start would teach to ignore
 * warnings.
 */
final class UnreadVariables {

  /** The origin of a variable taken from the shell. */
  static final String SHELL = "environment";

  private static final String SOURCE_PREFIX = "MAKERATES_SOURCE_";

  /** At most this many edits (a transposition is one) from a name the apps read: a typo. */
  private static final int TYPO_EDITS = 2;

  private UnreadVariables() {}

  /**
   * @param origins where each variable given came from ({@link #SHELL} or the file's name)
   * @param read the settings the apps were checked with, which know what they asked for
   * @param sources the source ids the extractor polls
   */
  static List<String> warnings(Map<String, String> origins, Settings read, List<String> sources) {
    SortedSet<String> known = read.asked();
    List<String> suffixes = sourceSuffixes(known, sources);
    List<String> warnings = new ArrayList<>();
    for (String name : read.unread()) {
      String origin = origins.get(name);
      if (origin == null) {
        continue;
      }
      Optional<String> source = unlistedSource(name, suffixes, sources);
      // a setting of an unlisted source is a typo only when one edit away: source ids are short,
      // and cnb is two edits from ecb
      Optional<String> typo = nearest(name, known, source.isPresent() ? 1 : TYPO_EDITS);
      String unlisted = "a setting of source '%s', which MAKERATES_SOURCES does not list";
      String why;
      if (typo.isPresent()) {
        why =
            "a typo of "
                + typo.get()
                + source.map(id -> ", or " + unlisted.formatted(id)).orElse("")
                + "?";
      } else if (source.isPresent()) {
        why = unlisted.formatted(source.get()) + "?";
      } else if (!origin.equals(SHELL)) {
        why = "a typo, or a setting of a source that MAKERATES_SOURCES does not list?";
      } else {
        continue; // a variable of the user's own, not meant for the apps
      }
      warnings.add(name + " (" + origin + ") is not read by any app: " + why);
    }
    return warnings;
  }

  /** The name the apps read that {@code name} is at most {@code maxEdits} from, if any. */
  static Optional<String> nearest(String name, Set<String> known, int maxEdits) {
    String best = null;
    int bestEdits = maxEdits + 1;
    for (String candidate : known) {
      int edits = edits(name, candidate, bestEdits);
      if (edits < bestEdits) {
        best = candidate;
        bestEdits = edits;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * What the extractor reads after {@code MAKERATES_SOURCE_<ID>_} (TYPE, BASE_URL, ...), taken from
   * the names it asked for: the list then follows the extractor, whatever it adds. Longest first.
   */
  private static List<String> sourceSuffixes(Set<String> known, List<String> sources) {
    Set<String> suffixes = new TreeSet<>();
    for (String name : known) {
      // the longest id that fits: source ecb-mirror's names also start with ecb's prefix
      sources.stream()
          .map(id -> SOURCE_PREFIX + variablePart(id) + "_")
          .filter(name::startsWith)
          .max(Comparator.comparingInt(String::length))
          .ifPresent(prefix -> suffixes.add(name.substring(prefix.length())));
    }
    return suffixes.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** The source id of a per-source setting whose source is not polled, if {@code name} is one. */
  private static Optional<String> unlistedSource(
      String name, List<String> suffixes, List<String> sources) {
    if (!name.startsWith(SOURCE_PREFIX)) {
      return Optional.empty();
    }
    String rest = name.substring(SOURCE_PREFIX.length());
    for (String suffix : suffixes) {
      if (rest.endsWith("_" + suffix) && rest.length() > suffix.length() + 1) {
        String id = rest.substring(0, rest.length() - suffix.length() - 1);
        boolean listed = sources.stream().anyMatch(s -> variablePart(s).equals(id));
        return listed
            ? Optional.empty()
            : Optional.of(id.toLowerCase(Locale.ROOT).replace('_', '-'));
      }
    }
    return Optional.empty();
  }

  /** Source {@code ecb-mirror} → {@code ECB_MIRROR}, as in its variables. */
  private static String variablePart(String sourceId) {
    return sourceId.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * Edits (insertion, deletion, substitution, transposition of neighbours) from {@code a} to {@code
   * b}; any number from {@code limit} on means "too many".
   */
  static int edits(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) >= limit) {
      return limit;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return Math.min(d[a.length()][b.length()], limit);
  }
}
