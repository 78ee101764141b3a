package io.makerates.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Metric names as documents name them and as a Prometheus scrape shows them. */
final class MetricNames {

  /**
   * MakeRates' own meters and the Kafka client metrics the apps export; other words of a query are
   * not metrics.
   */
  private static final Pattern NAME = Pattern.compile("\\b(?:makerates|kafka)_[a-z0-9_]+\\b");

  private static final String README_SECTION = "### Metrics";

  private MetricNames() {}

  static Set<String> in(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = NAME.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  /** The names in the README's metric table: from its heading to the next heading. */
  static Set<String> inReadme(Path readme) throws IOException {
    String text = Files.readString(readme);
    int start = text.indexOf("\n" + README_SECTION + "\n");
    if (start < 0) {
      throw new AssertionError(readme + " has no '" + README_SECTION + "' section");
    }
    int end = text.indexOf("\n#", start + README_SECTION.length() + 2);
    return in(text.substring(start, end < 0 ? text.length() : end));
  }

  /** The sample names of a Prometheus text exposition. */
  static Set<String> exported(String scrape) {
    Set<String> names = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
          end++;
        }
        names.add(line.substring(0, end));
      }
    }
    return names;
  }

  /** A timer or summary named by its base name is exported as its _count, _sum and _max series. */
  static boolean isExported(String name, Set<String> exported) {
    return exported.contains(name)
        || exported.contains(name + "_count")
        || exported.contains(name + "_sum")
        || exported.contains(name + "_max")
        || exported.contains(name + "_total");
  }
}
