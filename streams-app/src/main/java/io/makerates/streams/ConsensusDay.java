package io.makerates.streams;

import io.makerates.schema.ConsensusRate;
import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import io.makerates.schema.internal.ConsensusDayState;
import io.makerates.schema.internal.DayEvent;
import io.makerates.schema.internal.PublishedRate;
import io.makerates.streams.history.HistorySettings;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One day's consensus as a state machine. The state keeps the day's timeline: every extraction
 * folded into it (an event: when, which source, which content) and each distinct answer once, as
 * first extracted. The rates of the day are a pure function of that timeline, replayed in
 * (extractedAt, extractionId) order: at each event the latest answer of every source votes, and a
 * pair's record is the one of the last event that decided it. Each voice's lineage names the first
 * extraction in which its source said that value ({@link DayAnswers}). So an answer extracted again
 * with the same content changes nothing at all, a new answer changes only the pairs whose values it
 * changes, and the last record of every pair says the same for any arrival order and any
 * duplication.
 *
 * <p>A revision number names one record: a pair whose record changes in anything (value, status,
 * flags, a voice accepted or set aside) is published as the revision after the last one published,
 * and a pair whose record does not change publishes nothing. Revisions of a pair are therefore 1,
 * 2, 3... without gaps in the order they were published. In timeline order (the usual case) that is
 * the number of changes along the day; answers arriving out of order may take other steps to the
 * same last record, and its number then counts the steps actually published.
 *
 * <p>An observation arriving in timeline order is decided incrementally; one arriving late, or
 * replacing an earlier extraction of the same content, replays the day's timeline. A replay under
 * other rules (consensus settings, derived bases, or validation that now reads an answer
 * differently) re-decides the day and publishes a new revision only for the pairs whose record
 * changed.
 */
public final class ConsensusDay {

  /**
   * The day's state after an observation, and the rates to publish (empty when nothing changed for
   * any pair).
   */
  public record Step(ConsensusDayState state, List<ConsensusRate> changed, boolean stateChanged) {}

  static final Comparator<RateObservations> RECENCY =
      Comparator.comparing(RateObservations::getExtractedAt)
          .thenComparing(o -> o.getExtractionId().toString());
  static final Comparator<DayEvent> TIMELINE =
      Comparator.comparing(DayEvent::getExtractedAt).thenComparing(DayEvent::getExtractionId);
  static final MathContext CROSS = RateRecords.CROSS;

  private final Consensus consensus;
  private final List<String> derivedBases;
  private final ReplayScope scope;
  private final String rules;

  public ConsensusDay(Consensus consensus) {
    this(consensus, List.of(), ReplayScope.ALL);
  }

  public ConsensusDay(Consensus consensus, List<String> derivedBases) {
    this(consensus, derivedBases, ReplayScope.ALL);
  }

  public ConsensusDay(Consensus consensus, List<String> derivedBases, ReplayScope scope) {
    this(consensus, derivedBases, scope, HistorySettings.defaults());
  }

  /**
   * {@code history}: the rules the observations' flags were set by, part of the rules a day is
   * decided by.
   */
  public ConsensusDay(
      Consensus consensus, List<String> derivedBases, ReplayScope scope, HistorySettings history) {
    this.consensus = consensus;
    this.derivedBases =
        derivedBases.stream()
            .filter(b -> !BronzeValidator.PIVOT.equals(b))
            .distinct()
            .sorted()
            .toList();
    this.scope = scope;
    this.rules = Fingerprints.rules(consensus.settings(), this.derivedBases, history);
  }

  public static ConsensusDayState empty() {
    return new ConsensusDayState(
        new ArrayList<>(), new HashMap<>(), new ArrayList<>(), new ArrayList<>(), "");
  }

  public Step apply(ConsensusDayState current, RateObservations incoming) {
    DayState day = DayState.of(current);
    String id = incoming.getExtractionId().toString();
    String content = Fingerprints.content(incoming);
    boolean rulesChanged = !day.published.isEmpty() && !rules.equals(day.rules);
    DayEvent known = day.events.get(id);
    boolean replayTimeline;
    if (known != null) {
      boolean sameContent = known.getContent().equals(content);
      if (sameContent && !rulesChanged && day.refreshFlags(incoming, content)) {
        // the history check published the answer again: a late earlier day changed its flags, new
        // information as a late answer is, so the timeline is decided again
        day.rules = rules;
        List<ConsensusRate> changed = replayed(day, false); // before toState: it records them
        return new Step(day.toState(), changed, true);
      }
      if (sameContent && !rulesChanged) {
        // a duplicate, or a replay under the same rules: nothing new, unless the replay
        // republishes (once per day, at the day's last answer) for a sink filling a new database
        boolean lastOfDay =
            day.events.values().stream().noneMatch(e -> TIMELINE.compare(e, known) > 0);
        return new Step(
            current,
            scope.republish() && lastOfDay && scope.contains(incoming.getDate())
                ? replayed(day, true)
                : List.of(),
            false);
      }
      if (!scope.contains(incoming.getDate())) {
        // a replay limited to other dates leaves this day as it is
        return new Step(current, List.of(), false);
      }
      // a replay: under other rules, or validation now reads this answer differently
      if (!sameContent) {
        day.events.put(id, new DayEvent(id, known.getExtractedAt(), known.getSourceId(), content));
        day.keepFirstExtraction(incoming, content);
      } else {
        day.refreshFlags(incoming, content);
      }
      replayTimeline = true;
    } else {
      DayEvent event = new DayEvent(id, incoming.getExtractedAt(), incoming.getSourceId(), content);
      boolean latest = day.events.values().stream().allMatch(e -> TIMELINE.compare(e, event) < 0);
      day.events.put(id, event);
      boolean lineageMoved = day.keepFirstExtraction(incoming, content);
      replayTimeline = rulesChanged || !latest || lineageMoved;
    }
    day.rules = rules;
    List<ConsensusRate> changed = replayTimeline ? replayed(day, false) : extended(day);
    return new Step(day.toState(), changed, true);
  }

  /** The newest event extends the timeline by one step: each pair's new result is compared. */
  private List<ConsensusRate> extended(DayState day) {
    List<ConsensusRate> changed = new ArrayList<>();
    for (ConsensusRate rate : decide(day.answersUpTo(day.events.values()))) {
      publishIfChanged(day, rate, false, changed);
    }
    return changed;
  }

  /**
   * Replays the day's whole timeline: a late answer, a replay under other rules or flags the
   * history check changed. Each pair ends with the record of the last event that decided it; where
   * that differs from what was published, it is the pair's next revision. {@code everything}: every
   * pair is returned, changed or not, with the revision it has.
   */
  private List<ConsensusRate> replayed(DayState day, boolean everything) {
    Map<String, ConsensusRate> last = new TreeMap<>();
    List<DayEvent> timeline = day.events.values().stream().sorted(TIMELINE).toList();
    for (int i = 0; i < timeline.size(); i++) {
      for (ConsensusRate rate : decide(day.answersUpTo(timeline.subList(0, i + 1)))) {
        last.put(pairKey(rate), rate);
      }
    }
    List<ConsensusRate> changed = new ArrayList<>();
    last.values().forEach(rate -> publishIfChanged(day, rate, everything, changed));
    return changed;
  }

  /**
   * A revision number names one record: a pair's record that differs in anything from the one
   * published last (value, status, flags, a voice accepted or set aside, a voice's extraction) is
   * published as the next revision, and one that does not is not published again, unless {@code
   * everything}. So revisions of a pair are 1, 2, 3... in the order they are published, whatever
   * the order the answers arrived in.
   */
  private static void publishIfChanged(
      DayState day, ConsensusRate rate, boolean everything, List<ConsensusRate> changed) {
    String key = pairKey(rate);
    PublishedRate before = day.published.get(key);
    if (before != null) {
      rate.setRevision(before.getRevision());
      if (Fingerprints.record(rate).equals(before.getFingerprint())) {
        if (everything) {
          changed.add(rate);
        }
        return;
      }
    }
    rate.setRevision(before == null ? 1 : before.getRevision() + 1);
    day.published.put(
        key,
        new PublishedRate(
            rate.getRate(),
            rate.getStatus(),
            rate.getRevision(),
            "",
            Fingerprints.record(rate),
            0));
    changed.add(rate);
  }

  private static String pairKey(ConsensusRate rate) {
    return rate.getBase() + "/" + rate.getQuote();
  }

  /** Every pair's rate from one answer per source (revision still unset). */
  private List<ConsensusRate> decide(DayAnswers answers) {
    if (answers.latest().isEmpty()) {
      return List.of();
    }
    LocalDate date = answers.latest().getFirst().getDate();
    SortedMap<String, Consensus.Decision> decisions = new TreeMap<>();
    voicesByQuote(answers)
        .forEach(
            (quote, voices) ->
                consensus
                    .decide(voices)
                    .ifPresent(
                        d -> decisions.put(quote, d.withLeg(BronzeValidator.PIVOT + "/" + quote))));
    List<ConsensusRate> rates = new ArrayList<>();
    decisions.forEach(
        (quote, d) ->
            rates.add(
                RateRecords.rate(
                    date,
                    BronzeValidator.PIVOT,
                    quote,
                    d.rate(),
                    d.status(),
                    false,
                    d.sourceCount(),
                    d.spreadBps(),
                    d.low(),
                    d.high(),
                    d.contributions(),
                    d.flags())));
    for (String base : derivedBases) {
      Consensus.Decision leg = decisions.get(base);
      if (leg == null) {
        continue; // no EUR→base today: nothing to cross through
      }
      rates.add(RateRecords.cross(date, base, BronzeValidator.PIVOT, null, leg));
      decisions.forEach(
          (quote, d) -> {
            if (!quote.equals(base)) {
              rates.add(RateRecords.cross(date, base, quote, d, leg));
            }
          });
    }
    return rates;
  }

  public static String rateKey(LocalDate date, String quote) {
    return rateKey(date, BronzeValidator.PIVOT, quote);
  }

  public static String rateKey(LocalDate date, String base, String quote) {
    return date + "/" + base + "/" + quote;
  }

  /**
   * Every quote's voices, in quote order, each in the order of the answers (by source) and of their
   * rates: one pass over the answers, where a scan of every answer per quote made the day's cost
   * grow with the square of its quotes. An answer against its home currency votes through its
   * group's EUR leg ({@link GroupLegs}).
   */
  private static SortedMap<String, List<Consensus.Voice>> voicesByQuote(DayAnswers answers) {
    SortedMap<String, List<Consensus.Voice>> voices = new TreeMap<>();
    GroupLegs legs = new GroupLegs(answers.latest());
    for (RateObservations o : answers.latest()) {
      boolean onEur = BronzeValidator.PIVOT.equals(o.getPivot());
      BigDecimal leg = onEur ? null : legs.leg(o).orElse(null);
      if (!onEur && leg == null) {
        continue; // against its home currency, and no answer of its group gives EUR→home yet
      }
      for (Observation asSent : o.getRates()) {
        Observation r = onEur ? asSent : GroupLegs.throughLeg(asSent, leg);
        if (!r.getQuote().equals(BronzeValidator.PIVOT)) {
          RateObservations witness = answers.witness(o, asSent);
          voices
              .computeIfAbsent(r.getQuote(), q -> new ArrayList<>())
              .add(
                  new Consensus.Voice(
                      o.getSourceId(),
                      o.getIndependenceGroup(),
                      new BigDecimal(r.getRate()),
                      r.getRate(),
                      o.getExtractionId(),
                      o.getExtractedAt(),
                      o.getBronze(),
                      r.getFlag(),
                      witness.getExtractionId(),
                      witness.getBronze()));
        }
      }
    }
    return voices;
  }
}
