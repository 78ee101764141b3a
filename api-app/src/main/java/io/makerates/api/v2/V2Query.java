package io.makerates.api.v2;

import io.makerates.api.http.QueryParams;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The query of {@code /v2/rates}, read as Frankfurter v2 reads it and checked in its order (unknown
 * parameters, dates, conflicts, group, expand, currencies), with its messages, so that a client
 * sees the same refusal for the same mistake; then what MakeRates adds ({@code known_at}, lineage).
 * Whether the providers named exist is the routes' to check: that needs the database.
 *
 * @param date the day asked for; null for a range, and for neither (today)
 * @param from a range's first day, null without a range
 * @param to a range's last day, null for "to today"
 * @param quotes the codes asked for, empty for every one
 * @param providers the source ids asked for, lower case; empty for the consensus of all
 * @param knownAt null for the rates as stored now
 */
public record V2Query(
    LocalDate date,
    LocalDate from,
    LocalDate to,
    String base,
    Set<String> quotes,
    Set<String> providers,
    Group group,
    boolean expandProviders,
    boolean expandLineage,
    Instant knownAt) {

  /** How a range's days are rolled up. */
  public enum Group {
    NONE,
    WEEK,
    MONTH
  }

  /** The parameters v2 knows; any other is refused. */
  public static final Set<String> PARAMETERS =
      Set.of("base", "quotes", "providers", "date", "from", "to", "group", "expand", "known_at");

  private static final Set<String> EXPANSIONS = Set.of("providers", "lineage");

  /** A query that is not answered, and why: a 422. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    public Refused(String message) {
      super(message);
    }
  }

  public V2Query {
    quotes = Collections.unmodifiableSet(new TreeSet<>(quotes)); // sorted, as rows are
    providers = Collections.unmodifiableSet(new TreeSet<>(providers));
  }

  /** Whether the answer is a range of days (rather than one day). */
  public boolean range() {
    return from != null;
  }

  /**
   * @param isCurrency whether a code (in upper case) is a currency at all
   */
  public static V2Query parse(String rawQuery, Predicate<String> isCurrency) throws Refused {
    Map<String, String> params;
    try {
      params = QueryParams.parse(rawQuery);
    } catch (IllegalArgumentException e) {
      throw new Refused("malformed query");
    }
    List<String> unknown = params.keySet().stream().filter(n -> !PARAMETERS.contains(n)).toList();
    if (!unknown.isEmpty()) {
      throw new Refused("unknown parameter: " + String.join(", ", unknown));
    }
    LocalDate date = date(params.get("date"));
    LocalDate from = date(params.get("from"));
    LocalDate to = date(params.get("to"));
    if (date != null && (from != null || to != null)) {
      throw new Refused("conflicting params");
    }
    Group group = group(params.get("group"));
    Set<String> expand = expand(params.get("expand"));
    String base = params.containsKey("base") ? upper(params.get("base")) : "EUR";
    Set<String> quotes = new TreeSet<>(list(params.get("quotes"), true));
    List<String> invalid = new ArrayList<>();
    if (!isCurrency.test(base)) {
      invalid.add(base);
    }
    quotes.stream().filter(q -> !isCurrency.test(q)).forEach(invalid::add);
    if (!invalid.isEmpty()) {
      throw new Refused("invalid currency: " + String.join(",", invalid));
    }
    Instant knownAt = instant(params.get("known_at"));
    if (to != null && from == null) {
      throw new Refused("to needs from");
    }
    if (to != null && to.isBefore(from)) {
      throw new Refused("the range ends before it starts");
    }
    if (group != Group.NONE && from == null) {
      throw new Refused("group needs a range (from)");
    }
    if (group != Group.NONE && !expand.isEmpty()) {
      throw new Refused("expand cannot be combined with group");
    }
    return new V2Query(
        date,
        from,
        to,
        base,
        quotes,
        new TreeSet<>(list(params.get("providers"), false)),
        group,
        expand.contains("providers"),
        expand.contains("lineage"),
        knownAt);
  }

  private static LocalDate date(String value) throws Refused {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeException e) {
      throw new Refused("invalid date");
    }
  }

  private static Group group(String value) throws Refused {
    if (value == null) {
      return Group.NONE;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "week" -> Group.WEEK;
      case "month" -> Group.MONTH;
      default -> throw new Refused("invalid group");
    };
  }

  private static Set<String> expand(String value) throws Refused {
    List<String> asked = list(value, false);
    List<String> unknown = asked.stream().filter(e -> !EXPANSIONS.contains(e)).toList();
    if (!unknown.isEmpty()) {
      throw new Refused("invalid expand: " + String.join(",", unknown));
    }
    return Set.copyOf(asked);
  }

  /** An ISO instant with its offset: {@code 2026-03-09T18:00:00Z} or {@code ...+01:00}. */
  private static Instant instant(String value) throws Refused {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeException e) {
      throw new Refused("invalid known_at");
    }
  }

  /** A comma list, its items stripped and in one case; empty items are skipped. */
  private static List<String> list(String value, boolean upper) {
    if (value == null) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      String stripped = item.strip();
      if (!stripped.isEmpty()) {
        items.add(upper ? stripped.toUpperCase(Locale.ROOT) : stripped.toLowerCase(Locale.ROOT));
      }
    }
    return items;
  }

  private static String upper(String value) {
    return value.strip().toUpperCase(Locale.ROOT);
  }
}
