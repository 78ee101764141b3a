package io.makerates.streams;

import io.makerates.schema.ReasonCode;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The pipeline's own metrics, registered with Kafka Streams (so the topology stays a function of
 * its configuration and the app's Micrometer binder exports them with the client metrics): group
 * {@code makerates-rates-metrics}, {@code rejections-total{reason}}, {@code rates-total{status}}
 * and {@code spread-bps-sum}/{@code -count} (cumulative, so that a scrape never reads an expired
 * window; the average is their quotient), each tagged with its task.
 */
final class RatesMetrics {

  static final String GROUP = "makerates-rates-metrics";
  private static final String REJECTIONS = "Rejections by reason code";
  private static final String FLAGS = "Rates flagged by the history or peg check, by finding";
  private static final String VOICES = "Voices set aside or doubted in published rates, by reason";
  private static final String RATES = "Pair rates published by consensus status";

  /**
   * What a published rate's voice can be set aside or doubted for (Consensus and the history check
   * name them).
   */
  static final java.util.List<String> VOICE_REASONS =
      java.util.List.of(
          ReasonCode.OUTLIER.name(),
          ReasonCode.SUPERSEDED_IN_GROUP.name(),
          ReasonCode.UNCONFIRMED_JUMP.name(),
          ReasonCode.PEG_BREAK.name(),
          Consensus.CONFIRMED_JUMP,
          Consensus.CONFIRMED_PEG_BREAK);

  static final java.util.List<String> FINDINGS =
      java.util.List.of(
          io.makerates.streams.history.HistoryCheck.JUMP,
          io.makerates.streams.history.HistoryCheck.PEG_BREAK);

  private final ProcessorContext<?, ?> context;
  private final Map<String, Sensor> sensors = new HashMap<>();

  RatesMetrics(ProcessorContext<?, ?> context) {
    this.context = context;
  }

  /**
   * Registers the validation counters of every reason code at zero, so that a scrape shows them
   * (and a rate() over them works) before the first rejection; Prometheus cannot tell "none yet"
   * from "not exported" otherwise.
   */
  void expectRejections() {
    for (ReasonCode reason : ReasonCode.values()) {
      if (!reason.bySink()) {
        counter("rejections-total", "reason", reason.name(), REJECTIONS);
      }
    }
  }

  /**
   * Registers the published-rate counters of every consensus status, the voice counters and the
   * spread at zero.
   */
  void expectPublished() {
    for (io.makerates.schema.ConsensusStatus status :
        io.makerates.schema.ConsensusStatus.values()) {
      counter("rates-total", "status", status.name(), RATES);
    }
    for (String reason : VOICE_REASONS) {
      counter("voices-set-aside-total", "reason", reason, VOICES);
    }
    spreadSensor();
  }

  /** Registers the history findings' counters at zero. */
  void expectFlags() {
    for (String finding : FINDINGS) {
      counter("history-flags-total", "reason", finding, FLAGS);
    }
  }

  /**
   * The newest answer date seen from a source, as epoch seconds of its start (UTC): a source that
   * keeps answering with an old date (a stalled publication) shows here, where extraction counters
   * would look healthy.
   */
  void answerDate(String source, java.time.LocalDate date) {
    sensors
        .computeIfAbsent(
            "answer-date/" + source,
            k -> {
              Sensor sensor =
                  context.metrics().addSensor(sensorName(k), Sensor.RecordingLevel.INFO);
              sensor.add(
                  name(
                      "source-answer-date-seconds",
                      "Start of the newest answer date seen from a source (epoch seconds)",
                      Map.of("source", source)),
                  new HighestValue());
              return sensor;
            })
        .record(date.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond());
  }

  void rejected(String reason) {
    counter("rejections-total", "reason", reason, REJECTIONS).record();
  }

  /**
   * A rate the history or peg check flagged, by finding (JUMP, PEG_BREAK): each time an observation
   * carrying it is published.
   */
  void flagged(String reason) {
    counter("history-flags-total", "reason", reason, FLAGS).record();
  }

  /**
   * A voice a published rate set aside or doubted, by reason (OUTLIER, UNCONFIRMED_JUMP, PEG_BREAK,
   * ...).
   */
  void voice(String reason) {
    counter("voices-set-aside-total", "reason", reason, VOICES).record();
  }

  void published(String status) {
    counter("rates-total", "status", status, RATES).record();
  }

  void spread(double bps) {
    spreadSensor().record(bps);
  }

  private Sensor spreadSensor() {
    return sensors.computeIfAbsent(
        "spread",
        k -> {
          Sensor sensor =
              context.metrics().addSensor(sensorName("spread"), Sensor.RecordingLevel.INFO);
          sensor.add(
              name(
                  "spread-bps-sum",
                  "Sum of the spreads of published EUR rates, in basis points",
                  Map.of()),
              new CumulativeSum());
          sensor.add(
              name("spread-bps-count", "Published EUR rates whose spread is summed", Map.of()),
              new CumulativeCount());
          return sensor;
        });
  }

  private Sensor counter(String metric, String tag, String value, String description) {
    return sensors.computeIfAbsent(
        metric + "/" + value,
        k -> {
          Sensor sensor = context.metrics().addSensor(sensorName(k), Sensor.RecordingLevel.INFO);
          sensor.add(name(metric, description, Map.of(tag, value)), new CumulativeCount());
          return sensor;
        });
  }

  /** Sensor names are global to the client: thread and task make them this processor's own. */
  private String sensorName(String what) {
    return "makerates." + Thread.currentThread().getName() + "." + context.taskId() + "." + what;
  }

  /**
   * The highest value ever recorded (never windowed: a date seen stays the newest until a newer one
   * comes).
   */
  private static final class HighestValue
      implements org.apache.kafka.common.metrics.MeasurableStat {
    private double highest = Double.NaN;

    @Override
    public synchronized void record(
        org.apache.kafka.common.metrics.MetricConfig config, double value, long timeMs) {
      highest = Double.isNaN(highest) ? value : Math.max(highest, value);
    }

    @Override
    public synchronized double measure(
        org.apache.kafka.common.metrics.MetricConfig config, long now) {
      return highest;
    }
  }

  private MetricName name(String metric, String description, Map<String, String> tags) {
    Map<String, String> all = new HashMap<>(tags);
    all.put("task-id", context.taskId().toString());
    return new MetricName(metric, GROUP, description, all);
  }
}
