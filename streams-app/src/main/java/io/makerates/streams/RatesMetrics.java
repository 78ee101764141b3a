package io.makerates.streams;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The pipeline's own metrics, registered with Kafka Streams (so the topology stays a function of its configuration
 * and the app's Micrometer binder exports them with the client metrics): group {@code makerates-rates-metrics},
 * {@code rejections-total{reason}}, {@code rates-total{status}} and {@code spread-bps-sum}/{@code -count} (cumulative,
 * so that a scrape never reads an expired window; the average is their quotient), each tagged with its task.
 */
final class RatesMetrics {

  static final String GROUP = "makerates-rates-metrics";

  private final ProcessorContext<?, ?> context;
  private final Map<String, Sensor> sensors = new HashMap<>();

  RatesMetrics(ProcessorContext<?, ?> context) {
    this.context = context;
  }

  void rejected(String reason) {
    counter("rejections-total", "reason", reason, "Rejections by reason code").record();
  }

  /** A rate the history or peg check flagged, by finding (JUMP, PEG_BREAK): each time an observation carrying it is published. */
  void flagged(String reason) {
    counter("history-flags-total", "reason", reason, "Rates flagged by the history or peg check, by finding").record();
  }

  /** A voice a published rate set aside or doubted, by reason (OUTLIER, UNCONFIRMED_JUMP, PEG_BREAK, ...). */
  void voice(String reason) {
    counter("voices-set-aside-total", "reason", reason, "Voices set aside or doubted in published rates, by reason").record();
  }

  void published(String status) {
    counter("rates-total", "status", status, "Pair rates published by consensus status").record();
  }

  void spread(double bps) {
    sensors.computeIfAbsent("spread", k -> {
      Sensor sensor = context.metrics().addSensor(sensorName("spread"), Sensor.RecordingLevel.INFO);
      sensor.add(name("spread-bps-sum", "Sum of the spreads of published EUR rates, in basis points", Map.of()),
          new CumulativeSum());
      sensor.add(name("spread-bps-count", "Published EUR rates whose spread is summed", Map.of()), new CumulativeCount());
      return sensor;
    }).record(bps);
  }

  private Sensor counter(String metric, String tag, String value, String description) {
    return sensors.computeIfAbsent(metric + "/" + value, k -> {
      Sensor sensor = context.metrics().addSensor(sensorName(k), Sensor.RecordingLevel.INFO);
      sensor.add(name(metric, description, Map.of(tag, value)), new CumulativeCount());
      return sensor;
    });
  }

  /** Sensor names are global to the client: thread and task make them this processor's own. */
  private String sensorName(String what) {
    return "makerates." + Thread.currentThread().getName() + "." + context.taskId() + "." + what;
  }

  private MetricName name(String metric, String description, Map<String, String> tags) {
    Map<String, String> all = new HashMap<>(tags);
    all.put("task-id", context.taskId().toString());
    return new MetricName(metric, GROUP, description, all);
  }
}
