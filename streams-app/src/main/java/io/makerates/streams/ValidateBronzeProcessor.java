package io.makerates.streams;

import io.makerates.runtime.trace.ExtractionTrace;
import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.RateObservations;
import io.makerates.schema.ReasonCode;
import io.makerates.schema.Rejection;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Sends each bronze record's observations to the history check and its rejections, keyed like the
 * input, to the rejections sink.
 */
final class ValidateBronzeProcessor
    implements Processor<String, BronzeExtraction, String, SpecificRecord> {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ValidateBronzeProcessor.class);

  private final BronzeValidator validator;
  private final String historyCheck;
  private final String rejectionsSink;
  private ProcessorContext<String, SpecificRecord> context;
  private RatesMetrics metrics;
  private final java.util.Set<String> warnedSources = new java.util.HashSet<>();

  ValidateBronzeProcessor(BronzeValidator validator, String historyCheck, String rejectionsSink) {
    this.validator = validator;
    this.historyCheck = historyCheck;
    this.rejectionsSink = rejectionsSink;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.metrics = new RatesMetrics(context);
    metrics.expectRejections();
  }

  @Override
  public void process(Record<String, BronzeExtraction> record) {
    // the extraction the record came from, in every log line written while it is handled
    try (ExtractionTrace.Scope logging =
        ExtractionTrace.logging(
            record.value() == null
                ? ExtractionTrace.extractionId(record.headers()).orElse(null)
                : record.value().getExtractionId())) {
      handle(record);
    }
  }

  private void handle(Record<String, BronzeExtraction> record) {
    RecordMetadata source = context.recordMetadata().orElseThrow();
    BronzeCoordinates at =
        new BronzeCoordinates(source.topic(), source.partition(), source.offset());
    Instant recordTime = Instant.ofEpochMilli(record.timestamp());
    if (record.value() == null) {
      metrics.rejected(ReasonCode.UNPARSEABLE.name());
      context.forward(record.withValue(emptyRecord(at, recordTime)), rejectionsSink);
      return;
    }
    warnOnForeignKey(record);
    BronzeValidator.Validation result = validator.validate(record.value(), at, recordTime);
    for (RateObservations observations : result.observations()) {
      String key = observations.getDate() + "/" + observations.getSourceId();
      metrics.answerDate(observations.getSourceId(), observations.getDate());
      context.forward(
          record.<String>withKey(key).<SpecificRecord>withValue(observations), historyCheck);
    }
    for (Rejection rejection : result.rejections()) {
      metrics.rejected(rejection.getReasonCode());
      context.forward(record.<SpecificRecord>withValue(rejection), rejectionsSink);
    }
  }

  /**
   * The history check keeps each source's history in the task its answers arrive at: that holds
   * because bronze records are keyed by source id (the extractor does so). A record keyed otherwise
   * may land elsewhere and split its source's history; it is still processed, and said once per
   * source.
   */
  private void warnOnForeignKey(Record<String, BronzeExtraction> record) {
    String source = record.value().getSourceId();
    if (!source.equals(record.key()) && warnedSources.add(source)) {
      LOG.warn(
          "bronze record of source {} keyed '{}', not by its source id: its history check may miss the source's "
              + "answers on other partitions (produce bronze keyed by source id)",
          source,
          record.key());
    }
  }

  private static Rejection emptyRecord(BronzeCoordinates at, Instant recordTime) {
    return Rejection.newBuilder()
        .setStage(BronzeValidator.STAGE)
        .setReasonCode(ReasonCode.UNPARSEABLE.name())
        .setDetail("bronze record without a value")
        .setInputTopic(at.getTopic())
        .setInputPartition(at.getPartition())
        .setInputOffset(at.getOffset())
        .setRejectedAt(recordTime)
        .build();
  }
}
