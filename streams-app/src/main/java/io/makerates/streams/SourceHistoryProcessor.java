package io.makerates.streams;

import io.makerates.runtime.trace.ExtractionTrace;
import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import io.makerates.schema.internal.SourceDayAnswers;
import io.makerates.schema.internal.SourceHistoryDay;
import io.makerates.streams.history.HistoryCheck;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Flags each observation against its source's own history (and the peg table) and forwards it. It
 * runs right after validation, on the bronze topic's partitions: bronze records are keyed by source
 * id, so every answer of a source comes through the same task and its history is whole in this
 * task's stores (store key: {@code source|date}).
 *
 * <p>When a day's latest values change (a new day, or a later answer with other values), the later
 * days that compare with it (up to {@link io.makerates.streams.history.HistorySettings#lookback()}
 * of them) are checked again, and those of their answers whose flags changed are published again: a
 * backfill arriving after the live days leaves the same flags as if it had come first.
 */
final class SourceHistoryProcessor
    implements Processor<String, RateObservations, String, RateObservations> {

  private final HistoryCheck check;
  private final String historyStoreName;
  private final String answersStoreName;
  private ProcessorContext<String, RateObservations> context;
  private SourceHistoryStore history;
  private KeyValueStore<String, SourceDayAnswers> answers;
  private RatesMetrics metrics;

  SourceHistoryProcessor(HistoryCheck check, String historyStoreName, String answersStoreName) {
    this.check = check;
    this.historyStoreName = historyStoreName;
    this.answersStoreName = answersStoreName;
  }

  @Override
  public void init(ProcessorContext<String, RateObservations> context) {
    this.context = context;
    this.history =
        new SourceHistoryStore(
            context.getStateStore(historyStoreName), check.settings().lookback());
    this.answers = context.getStateStore(answersStoreName);
    this.metrics = new RatesMetrics(context);
    metrics.expectFlags();
  }

  @Override
  public void process(Record<String, RateObservations> record) {
    // the extraction the record came from, in every log line written while it is handled
    try (ExtractionTrace.Scope logging =
        ExtractionTrace.logging(
            record.value() == null
                ? ExtractionTrace.extractionId(record.headers()).orElse(null)
                : record.value().getExtractionId())) {
      handle(record);
    }
  }

  private void handle(Record<String, RateObservations> record) {
    RateObservations incoming = record.value();
    String source = incoming.getSourceId();
    LocalDate date = incoming.getDate();
    RateObservations flagged =
        withRates(
            incoming,
            check.flag(date, incoming.getPivot(), incoming.getRates(), earlier(source, date)));
    forward(record, flagged);
    keepAnswer(key(source, date), flagged);

    SourceHistoryDay before = history.get(source, date);
    if (before == null || !isEarlier(incoming, before)) {
      SourceHistoryDay now =
          new SourceHistoryDay(
              values(incoming), incoming.getExtractionId().toString(), incoming.getExtractedAt());
      history.put(source, date, now);
      if (before == null || !before.getRates().equals(now.getRates())) {
        recheckLaterDays(record, source, date);
      }
    }
  }

  /**
   * The later days that compare with {@code date}: each is checked again with the history it now
   * has.
   */
  private void recheckLaterDays(
      Record<String, RateObservations> record, String source, LocalDate date) {
    int lookback = check.settings().lookback();
    List<HistoryCheck.EarlierDay> later = history.after(source, date, lookback);
    if (later.isEmpty()) {
      return; // the usual case: the day is the source's latest
    }
    // oldest first: the days up to and including `date`, then the later ones
    List<HistoryCheck.EarlierDay> days = new ArrayList<>(earlier(source, date.plusDays(1)));
    Collections.reverse(days);
    int firstLater = days.size();
    days.addAll(later);
    for (int i = firstLater; i < days.size(); i++) {
      List<HistoryCheck.EarlierDay> before =
          new ArrayList<>(days.subList(Math.max(0, i - lookback), i));
      Collections.reverse(before);
      LocalDate day = days.get(i).date();
      SourceDayAnswers stored = answers.get(key(source, day));
      if (stored == null) {
        continue;
      }
      boolean changed = false;
      List<RateObservations> updated = new ArrayList<>();
      for (RateObservations answer : stored.getAnswers()) {
        List<Observation> rates = check.flag(day, answer.getPivot(), answer.getRates(), before);
        if (rates.equals(answer.getRates())) {
          updated.add(answer);
        } else {
          RateObservations again = withRates(answer, rates);
          updated.add(again);
          forward(record, again);
          changed = true;
        }
      }
      if (changed) {
        answers.put(key(source, day), new SourceDayAnswers(updated));
      }
    }
  }

  private void forward(Record<String, RateObservations> record, RateObservations observations) {
    for (Observation r : observations.getRates()) {
      if (r.getFlag() != null) {
        metrics.flagged(r.getFlag().getReason());
      }
    }
    context.forward(
        record
            .withKey(observations.getDate() + "/" + observations.getSourceId())
            .withValue(observations));
  }

  /** The source's days before {@code date}, most recent first, as many as the check reads. */
  private List<HistoryCheck.EarlierDay> earlier(String source, LocalDate date) {
    return history.before(source, date, check.settings().lookback());
  }

  /**
   * Keeps the first extraction of each content, with the flags just published; an extraction read
   * again differently (a replay under other validation) replaces its earlier reading.
   */
  private void keepAnswer(String key, RateObservations answer) {
    SourceDayAnswers stored = answers.get(key);
    List<RateObservations> kept = new ArrayList<>(stored == null ? List.of() : stored.getAnswers());
    String id = answer.getExtractionId().toString();
    kept.removeIf(a -> a.getExtractionId().toString().equals(id));
    String content = Fingerprints.content(answer);
    for (int i = 0; i < kept.size(); i++) {
      if (Fingerprints.content(kept.get(i)).equals(content)) {
        if (ConsensusDay.RECENCY.compare(answer, kept.get(i)) < 0) {
          kept.set(i, answer);
        } else if (!kept.get(i).getRates().equals(answer.getRates())) {
          kept.set(i, withRates(kept.get(i), answer.getRates()));
        } else {
          return; // nothing new to keep
        }
        answers.put(key, new SourceDayAnswers(kept));
        return;
      }
    }
    kept.add(answer);
    answers.put(key, new SourceDayAnswers(kept));
  }

  private static boolean isEarlier(RateObservations answer, SourceHistoryDay day) {
    int byTime = answer.getExtractedAt().compareTo(day.getLatestExtractedAt());
    return byTime != 0
        ? byTime < 0
        : answer.getExtractionId().toString().compareTo(day.getLatestExtractionId()) < 0;
  }

  private static Map<String, String> values(RateObservations answer) {
    Map<String, String> values = new HashMap<>();
    answer.getRates().forEach(r -> values.put(r.getQuote(), r.getRate()));
    return values;
  }

  private static RateObservations withRates(RateObservations answer, List<Observation> rates) {
    return rates == answer.getRates()
        ? answer
        : RateObservations.newBuilder(answer).setRates(rates).build();
  }

  private static String key(String source, LocalDate date) {
    return source + "|" + date;
  }
}
