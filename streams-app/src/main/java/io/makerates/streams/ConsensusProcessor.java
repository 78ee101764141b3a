package io.makerates.streams;

import io.makerates.runtime.trace.ExtractionTrace;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.RateObservations;
import io.makerates.schema.internal.ConsensusDayState;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds each observation into its day's state (store key: ISO date) and emits the pair rates that
 * changed.
 */
final class ConsensusProcessor
    implements Processor<String, RateObservations, String, ConsensusRate> {

  private final ConsensusDay day;
  private final String storeName;
  private ProcessorContext<String, ConsensusRate> context;
  private KeyValueStore<String, ConsensusDayState> store;
  private RatesMetrics metrics;

  ConsensusProcessor(ConsensusDay day, String storeName) {
    this.day = day;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, ConsensusRate> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    this.metrics = new RatesMetrics(context);
    metrics.expectPublished();
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
    RateObservations observations = record.value();
    if (observations == null) {
      return; // observations are never deleted; a tombstone carries nothing to decide on
    }
    String date = observations.getDate().toString();
    ConsensusDay.Step step = day.apply(store.get(date), observations);
    if (step.stateChanged()) {
      store.put(date, step.state());
    }
    for (ConsensusRate decided : step.changed()) {
      ConsensusRate rate =
          step.state() == null
              ? decided
              : ProviderBases.named(decided, step.state().getObservations());
      metrics.published(rate.getStatus().name());
      for (io.makerates.schema.Contribution c : rate.getContributions()) {
        if (!c.getAccepted() || c.getFlag() != null) {
          metrics.voice(c.getAccepted() ? c.getFlag() : c.getRejectionReason());
        }
      }
      if (!rate.getDerived()) {
        metrics.spread(Double.parseDouble(rate.getSpreadBps())); // a gauge's reading, not money
      }
      context.forward(
          record
              .withKey(ConsensusDay.rateKey(rate.getDate(), rate.getBase(), rate.getQuote()))
              .withValue(rate));
    }
  }
}
