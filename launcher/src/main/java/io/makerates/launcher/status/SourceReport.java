package io.makerates.launcher.status;

import io.makerates.extractor.SourceConfig;
import io.makerates.streams.IndependenceGroups;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The sources part of {@code status}: every configured source and every source whose records are on
 * the topics, each with its type and group, its last extraction, newest answer date, attempts and
 * failures today, rejections, quota and breaker. A source that left records but is not polled now
 * (a backfill of a source outside {@code MAKERATES_SOURCES}, or an earlier run) is named with the
 * type and group its records carry, and has no quota or breaker to show.
 */
public final class SourceReport {

  private final List<SourceConfig> configured;
  private final IndependenceGroups groups;
  private final Optional<PrometheusText> extractorMetrics;

  public SourceReport(
      List<SourceConfig> configured,
      IndependenceGroups groups,
      Optional<PrometheusText> extractorMetrics) {
    this.configured = List.copyOf(configured);
    this.groups = groups;
    this.extractorMetrics = extractorMetrics;
  }

  public void print(Map<String, SourceActivity> recorded, LocalDate today, PrintStream out) {
    Map<String, SourceActivity> all = new TreeMap<>(recorded);
    configured.forEach(s -> all.putIfAbsent(s.id(), new SourceActivity()));
    for (Map.Entry<String, SourceActivity> e : all.entrySet()) {
      String id = e.getKey();
      SourceActivity a = e.getValue();
      Optional<SourceConfig> config =
          configured.stream().filter(s -> s.id().equals(id)).findFirst();
      String type = config.map(SourceConfig::type).orElse(a.type());
      String group = a.group() != null ? a.group() : groups.groupOf(id);
      out.printf(
          "  %s (%s, group %s)%s%n",
          id,
          type == null ? "type unknown" : type,
          group,
          config.isPresent()
              ? ""
              : ": not polled now (not in MAKERATES_SOURCES); its records are from a backfill"
                  + " or an earlier run");
      out.printf(
          "    %-17s %s%n",
          "last extraction",
          a.lastExtraction() == null
              ? "none yet"
              : a.lastExtraction() + " (" + a.lastOutcome() + ")");
      out.printf(
          "    %-17s %s%n",
          "last answer date", a.lastAnswerDate() == null ? "none yet" : a.lastAnswerDate());
      out.printf(
          "    %-17s %d attempts, %d failed%n",
          "today (UTC)", a.attemptsOn(today), a.failedOn(today));
      out.printf(
          "    %-17s %s%n",
          "rejections",
          a.rejections().isEmpty()
              ? "none"
              : new TreeMap<>(a.rejections())
                  .entrySet().stream()
                      .map(r -> r.getKey() + " " + r.getValue())
                      .collect(Collectors.joining(", ")));
      out.printf(
          "    %-17s %s%n",
          "quota", config.isPresent() ? quota(id, config.get()) : "- (not polled)");
      out.printf("    %-17s %s%n", "breaker", config.isPresent() ? breaker(id) : "- (not polled)");
    }
  }

  private String quota(String id, SourceConfig config) {
    if (config.quota() == null) {
      return "none";
    }
    if (extractorMetrics.isEmpty()) {
      return "limit " + config.quota() + " (the extractor's metrics do not answer)";
    }
    Optional<PrometheusText.Sample> used =
        extractorMetrics.get().find("makerates_extractor_quota_used", "source", id);
    Optional<PrometheusText.Sample> limit =
        extractorMetrics.get().find("makerates_extractor_quota_limit", "source", id);
    if (used.isEmpty() || limit.isEmpty()) {
      return "limit " + config.quota() + " (not in the extractor's metrics yet)";
    }
    long u = (long) used.get().value();
    long l = (long) limit.get().value();
    return u
        + " of "
        + l
        + " per "
        + limit.get().labels().getOrDefault("period", "period")
        + " used, "
        + Math.max(0, l - u)
        + " left";
  }

  private String breaker(String id) {
    if (extractorMetrics.isEmpty()) {
      return "unknown (the extractor's metrics do not answer)";
    }
    return extractorMetrics
        .get()
        .find("makerates_extractor_breaker_state", "source", id)
        .map(
            s ->
                switch ((int) s.value()) {
                  case 0 -> "closed";
                  case 1 -> "OPEN (calls refused until it half-opens)";
                  case 2 -> "half-open (trial calls)";
                  default -> "unknown";
                })
        .orElse("unknown (not in the extractor's metrics yet)");
  }
}
