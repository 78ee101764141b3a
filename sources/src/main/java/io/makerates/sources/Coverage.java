package io.makerates.sources;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which independent official voices each currency has among a set of configured sources: a source
 * is a voice for every currency its type's answers list (its {@link SampleAnswers#currencies()},
 * which each type's conformance test checks against the provider's recorded answers) and for its
 * home currency, provided its answers can be rebased to EUR (they quote EUR, or are against it, or
 * its type votes through the EUR rate of its home currency that another source of its group gives).
 * Sources of one independence group are one voice; a commercial aggregator is no official voice.
 */
public final class Coverage {

  /** A configured source: its id and type. */
  public record Source(String id, String type) {}

  private final Map<String, SortedSet<String>> groupsByCurrency;
  private final SortedSet<String> groups;

  private Coverage(Map<String, SortedSet<String>> groupsByCurrency, SortedSet<String> groups) {
    this.groupsByCurrency = groupsByCurrency;
    this.groups = groups;
  }

  /**
   * @param groupOf the independence group of a source id
   */
  public static Coverage of(List<Source> sources, Function<String, String> groupOf) {
    Map<String, SortedSet<String>> byCurrency = new TreeMap<>();
    SortedSet<String> groups = new TreeSet<>();
    // group → the currencies its EUR-rebasable answers give an EUR rate of
    Map<String, Set<String>> eurLegs = new HashMap<>();
    for (Source source : sources) {
      if (SourceTypes.official(source.type())) {
        SourceTypes.samples(source.type())
            .filter(Coverage::onEur)
            .ifPresent(
                s ->
                    eurLegs
                        .computeIfAbsent(groupOf.apply(source.id()), g -> new HashSet<>())
                        .addAll(voicedBy(s)));
      }
    }
    for (Source source : sources) {
      if (!SourceTypes.official(source.type())) {
        continue;
      }
      String group = groupOf.apply(source.id());
      groups.add(group);
      boolean throughGroup = SourceTypes.eurLegFromGroup(source.type());
      SourceTypes.samples(source.type())
          .filter(
              s ->
                  onEur(s)
                      || throughGroup && eurLegs.getOrDefault(group, Set.of()).contains(s.home()))
          .ifPresent(
              samples ->
                  voicedBy(samples)
                      .forEach(
                          c -> byCurrency.computeIfAbsent(c, k -> new TreeSet<>()).add(group)));
    }
    return new Coverage(byCurrency, groups);
  }

  /** Whether the answers can be rebased to EUR on their own: against EUR, or quoting it. */
  private static boolean onEur(SampleAnswers samples) {
    return samples.home().equals("EUR") || samples.currencies().contains("EUR");
  }

  /** The currencies an answer gives a rate of: those it lists and its home currency, EUR aside. */
  private static Set<String> voicedBy(SampleAnswers samples) {
    Set<String> currencies = new TreeSet<>(samples.currencies());
    currencies.add(samples.home());
    currencies.remove("EUR");
    return currencies;
  }

  /** Every currency with its independent official groups, by code. */
  public Map<String, SortedSet<String>> groupsByCurrency() {
    return Collections.unmodifiableMap(groupsByCurrency);
  }

  /** The independent official groups of the configured sources. */
  public SortedSet<String> groups() {
    return Collections.unmodifiableSortedSet(groups);
  }

  /** How many currencies have at least {@code voices} independent official voices. */
  public long currenciesWithAtLeast(int voices) {
    return groupsByCurrency.values().stream().filter(g -> g.size() >= voices).count();
  }
}
