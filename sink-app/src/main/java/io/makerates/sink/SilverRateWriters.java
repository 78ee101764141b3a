package io.makerates.sink;

import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.ops.HealthChecks.Check;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The sink's writers (MAKERATES_SINK_WRITERS), each a consumer of its own in the sink's group with
 * its own partitions, sharing one store. Ready while any holds partitions: with more writers than
 * partitions some hold none, and the sink still stores every partition. Alive while none has
 * stopped on its own.
 */
final class SilverRateWriters implements AutoCloseable {

  private final List<SilverRateWriter> writers = new ArrayList<>();

  SilverRateWriters(
      SinkConfig config, AvroSerdes serdes, StarSchemaWriter store, MeterRegistry metrics) {
    KnownCurrencies currencies = new KnownCurrencies(store);
    try {
      for (int number = 1; number <= config.writers(); number++) {
        writers.add(new SilverRateWriter(config, serdes, store, currencies, metrics, number));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  void start() {
    writers.forEach(SilverRateWriter::start);
  }

  Check health() {
    return writers.stream().anyMatch(w -> !w.assignment().isEmpty())
        ? Check.up()
        : Check.down("no partitions of " + TopicNames.RATES + " assigned");
  }

  Check liveness() {
    return writers.stream()
        .map(SilverRateWriter::liveness)
        .filter(check -> !check.ok())
        .findFirst()
        .orElse(Check.up());
  }

  @Override
  public void close() {
    writers.forEach(SilverRateWriter::close);
  }
}
