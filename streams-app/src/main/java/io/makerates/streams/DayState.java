package io.makerates.streams;

import io.makerates.schema.RateObservations;
import io.makerates.schema.internal.ConsensusDayState;
import io.makerates.schema.internal.DayEvent;
import io.makerates.schema.internal.PublishedRate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The working copy of a day's consensus state: its timeline, its answers and what was published.
 */
final class DayState {
  final Map<String, DayEvent> events = new LinkedHashMap<>();

  /** source → content → the first extraction of that content. */
  final Map<String, Map<String, RateObservations>> answers = new TreeMap<>();

  final Map<String, PublishedRate> published = new HashMap<>();
  String rules;

  static DayState of(ConsensusDayState state) {
    DayState day = new DayState();
    if (state == null) {
      day.rules = "";
      return day;
    }
    state.getEvents().forEach(e -> day.events.put(e.getExtractionId(), e));
    Map<String, Integer> perExtraction = new HashMap<>();
    state
        .getObservations()
        .forEach(o -> perExtraction.merge(o.getExtractionId().toString(), 1, Integer::sum));
    for (RateObservations o : state.getObservations()) {
      // a kept answer is its content's first extraction, so that event knows its content: no need
      // to hash it again,
      // unless validation re-read that extraction differently and both readings are kept
      DayEvent own = day.events.get(o.getExtractionId().toString());
      String content =
          own != null
                  && own.getSourceId().equals(o.getSourceId())
                  && perExtraction.get(o.getExtractionId().toString()) == 1
              ? own.getContent()
              : Fingerprints.content(o);
      day.answers.computeIfAbsent(o.getSourceId(), s -> new HashMap<>()).put(content, o);
    }
    if (day.events.isEmpty()) {
      // a state written before the timeline was kept: its latest answers become its events
      state
          .getObservations()
          .forEach(
              o ->
                  day.events.put(
                      o.getExtractionId().toString(),
                      new DayEvent(
                          o.getExtractionId().toString(),
                          o.getExtractedAt(),
                          o.getSourceId(),
                          Fingerprints.content(o))));
    }
    day.published.putAll(state.getPublished());
    day.rules = state.getRules();
    return day;
  }

  /**
   * Keeps the earliest extraction of each content; true when an earlier one replaced a kept one
   * (lineage moves) or the answer brings other flags for the content.
   */
  boolean keepFirstExtraction(RateObservations answer, String content) {
    Map<String, RateObservations> bySource =
        answers.computeIfAbsent(answer.getSourceId(), s -> new HashMap<>());
    RateObservations kept = bySource.get(content);
    if (kept == null) {
      bySource.put(content, answer);
      return false;
    }
    if (ConsensusDay.RECENCY.compare(answer, kept) < 0) {
      bySource.put(content, answer);
      return true;
    }
    return refreshFlags(answer, content);
  }

  /**
   * The flags of a content are the history check's latest word on it (the rates are the same, the
   * history around them may have grown): true when they changed. The kept extraction stays, for its
   * lineage.
   */
  boolean refreshFlags(RateObservations answer, String content) {
    Map<String, RateObservations> bySource = answers.get(answer.getSourceId());
    RateObservations kept = bySource == null ? null : bySource.get(content);
    if (kept == null || kept.getRates().equals(answer.getRates())) {
      return false;
    }
    bySource.put(content, RateObservations.newBuilder(kept).setRates(answer.getRates()).build());
    return true;
  }

  /**
   * The answers of these events: the latest of every source (by source id), and every answer of
   * each source, for the witnesses of its values.
   */
  DayAnswers answersUpTo(java.util.Collection<DayEvent> upTo) {
    Map<String, DayEvent> latest = new TreeMap<>();
    Map<String, List<RateObservations>> bySource = new HashMap<>();
    for (DayEvent e : upTo) {
      latest.merge(e.getSourceId(), e, (a, b) -> ConsensusDay.TIMELINE.compare(a, b) >= 0 ? a : b);
      RateObservations answer = answer(e);
      if (answer != null) {
        List<RateObservations> seen =
            bySource.computeIfAbsent(e.getSourceId(), s -> new ArrayList<>(1));
        if (seen.stream().noneMatch(a -> a == answer)) {
          seen.add(answer);
        }
      }
    }
    List<RateObservations> result = new ArrayList<>();
    latest.forEach(
        (source, e) -> {
          RateObservations answer = answer(e);
          if (answer != null) {
            result.add(answer);
          }
        });
    return new DayAnswers(result, bySource);
  }

  private RateObservations answer(DayEvent e) {
    return answers.getOrDefault(e.getSourceId(), Map.of()).get(e.getContent());
  }

  ConsensusDayState toState() {
    // only answers some event still points to are kept (validation may have re-read one
    // differently)
    java.util.Set<String> live = new java.util.HashSet<>();
    events.values().forEach(e -> live.add(e.getSourceId() + "|" + e.getContent()));
    List<RateObservations> observations = new ArrayList<>();
    answers.forEach(
        (source, bySource) ->
            bySource.entrySet().stream()
                .filter(e -> live.contains(source + "|" + e.getKey()))
                .map(Map.Entry::getValue)
                .sorted(ConsensusDay.RECENCY)
                .forEach(observations::add));
    List<DayEvent> timeline = events.values().stream().sorted(ConsensusDay.TIMELINE).toList();
    return new ConsensusDayState(
        observations,
        new HashMap<>(published),
        new ArrayList<>(),
        new ArrayList<>(timeline),
        rules);
  }
}
