package io.makerates.extractor.publish;

import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.ops.HealthChecks.Check;
import io.makerates.runtime.trace.ExtractionTrace;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.QuotaUsage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes bronze records to {@code fx.bronze.extractions.v1}, keyed by source id, one Kafka
 * transaction per attempt; the attempt's quota usage goes to {@code fx.extractor.quota.v1} in the
 * same transaction, so the count a restart restores is exactly the attempts recorded. The
 * transactional id is per instance, so a restarted pod fences its previous incarnation.
 */
public final class BronzePublisher implements BronzeSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BronzePublisher.class);

  private final KafkaProducer<String, SpecificRecord> producer;
  private final KafkaClientMetrics clientMetrics;
  private volatile String broken;
  private volatile boolean closed;

  public BronzePublisher(
      Properties kafka, AvroSerdes serdes, String instance, MeterRegistry metrics) {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "makerates-extractor-" + instance);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "makerates-extractor-" + instance);
    Serializer<SpecificRecord> values = serdes.<SpecificRecord>valueSerde().serializer();
    this.producer = new KafkaProducer<>(props, new StringSerializer(), values);
    try {
      producer.initTransactions();
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw new IllegalStateException(
          "the bronze producer could not initialise its transactions: " + e.getMessage(), e);
    }
    this.clientMetrics = new KafkaClientMetrics(producer);
    clientMetrics.bindTo(metrics);
  }

  @Override
  public synchronized void publish(BronzeExtraction record, QuotaUsage usage) {
    if (broken != null || closed) {
      throw new IllegalStateException(
          "the bronze producer is unusable: " + (closed ? "closed" : broken));
    }
    try {
      producer.beginTransaction();
      ProducerRecord<String, SpecificRecord> bronze =
          new ProducerRecord<>(TopicNames.BRONZE, record.getSourceId(), record);
      ExtractionTrace.addTo(bronze.headers(), record.getExtractionId());
      var sent = producer.send(bronze);
      if (usage != null) {
        producer
            .send(
                new ProducerRecord<>(
                    TopicNames.QUOTA, usage.getSourceId() + "/" + usage.getPeriod(), usage))
            .get();
      }
      sent.get();
      producer.commitTransaction();
    } catch (ProducerFencedException
        | OutOfOrderSequenceException
        | AuthorizationException
        | UnsupportedVersionException e) {
      // fatal for this producer: another instance took its transactional id, or the cluster
      // refuses us for good
      broken = e.getClass().getSimpleName() + ": " + e.getMessage();
      throw new IllegalStateException(
          "bronze record " + record.getExtractionId() + " not written: " + broken, e);
    } catch (RuntimeException | ExecutionException e) {
      // anything else (a broker error, a schema registry that does not answer the serializer)
      // leaves this attempt's transaction open: abort it, or every later attempt fails to begin one
      abort();
      throw new IllegalStateException(
          "bronze record " + record.getExtractionId() + " not written: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
      throw new IllegalStateException(
          "interrupted while writing bronze record " + record.getExtractionId(), e);
    }
  }

  /** Readiness: transactions were initialised and the producer has not been fenced or closed. */
  public Check health() {
    if (closed) {
      return Check.down("closed");
    }
    return broken == null ? Check.up() : Check.down(broken);
  }

  private void abort() {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      LOG.warn("aborting the bronze transaction failed", e);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    clientMetrics.close();
    producer.close(Duration.ofSeconds(10));
  }
}
