package io.makerates.sink;

import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.ops.HealthChecks.Check;
import io.makerates.runtime.ops.KafkaMetricsRefresh;
import io.makerates.runtime.trace.ExtractionTrace;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of fx.silver.rates.v1 that stores each poll batch in the star schema, its rows in
 * the same transaction as its partitions' next offsets. The sink runs several side by side in one
 * consumer group (MAKERATES_SINK_WRITERS), as Kafka Connect runs a connector's tasks: each holds
 * its own partitions and polls and writes at its own pace, so PostgreSQL works on several backends
 * at once and no writer waits for another's batch. On assignment it resumes from the stored
 * offsets, so the database, not the consumer group, is the source of truth (exactly-once into
 * PostgreSQL). Records it cannot store go to fx.rejected.v1, acknowledged by the broker before the
 * transaction that moves past them commits.
 */
final class SilverRateWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SilverRateWriter.class);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

  private final KafkaConsumer<String, byte[]> consumer;
  private final AtomicInteger paused = new AtomicInteger();
  private final KafkaMetricsRefresh clientMetricsRefresh;
  private final KafkaClientMetrics clientMetrics;
  private final KafkaProducer<String, Rejection> rejections;
  private final StarSchemaWriter store;
  private final SilverRecordCheck check;
  private final Thread thread;
  private final AtomicReference<Set<TopicPartition>> assignment = new AtomicReference<>(Set.of());
  private final KnownCurrencies currencies;
  private final Counter stored;
  private final Counter rejected;
  private final Timer batchTimer;

  /**
   * Partitions held back after a failed write, until when (System.nanoTime()); the others go on
   * meanwhile.
   */
  private final Map<TopicPartition, Long> retryAt = new HashMap<>();

  private volatile boolean running = true;

  /** Why the consumer loop stopped on its own; null while it runs or after a requested stop. */
  private volatile Throwable failure;

  /**
   * The writer numbered {@code number} (from 1) of the sink's writers; they share the store, and
   * each has its own consumer, client ids and thread.
   */
  SilverRateWriter(
      SinkConfig config,
      AvroSerdes serdes,
      StarSchemaWriter store,
      KnownCurrencies currencies,
      MeterRegistry metrics,
      int number) {
    this.store = store;
    this.currencies = currencies;
    Properties consumerProps = config.kafkaCopy();
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup());
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerProps.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    // one client id per writer: clients of one id in one JVM clash in their metrics
    consumerProps.put(
        ConsumerConfig.CLIENT_ID_CONFIG,
        consumerProps.getProperty(ConsumerConfig.CLIENT_ID_CONFIG, "makerates-sink-writer")
            + "-"
            + number);
    // raw bytes: a record that does not deserialize becomes a rejection instead of a poison pill
    this.consumer =
        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
    Properties producerProps = config.kafkaCopy();
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    producerProps.put(
        ProducerConfig.CLIENT_ID_CONFIG,
        producerProps.getProperty(ProducerConfig.CLIENT_ID_CONFIG, "makerates-sink-rejections")
            + "-"
            + number);
    this.rejections =
        new KafkaProducer<>(
            producerProps, new StringSerializer(), serdes.<Rejection>valueSerde().serializer());
    Deserializer<ConsensusRate> deserializer = serdes.<ConsensusRate>valueSerde().deserializer();
    this.check = new SilverRecordCheck(deserializer, currencies::contains);
    this.stored =
        Counter.builder("makerates.sink.records").tag("outcome", "stored").register(metrics);
    this.rejected =
        Counter.builder("makerates.sink.records").tag("outcome", "rejected").register(metrics);
    this.batchTimer =
        Timer.builder("makerates.sink.batch")
            .description("one poll batch written")
            .register(metrics);
    Gauge.builder("makerates.sink.partitions.paused", paused, AtomicInteger::get)
        .description(
            "Partitions paused because their rows could not be stored; they are read again after a pause")
        .tag("writer", Integer.toString(number))
        .register(metrics);
    // the consumer's own metrics, its records-lag among them, refreshed as streams-app's are
    this.clientMetricsRefresh = new KafkaMetricsRefresh(Duration.ofSeconds(5));
    this.clientMetrics = new KafkaClientMetrics(consumer, List.of(), clientMetricsRefresh);
    clientMetrics.bindTo(metrics);
    this.thread = new Thread(this::run, "silver-rate-writer-" + number);
  }

  void start() {
    thread.start();
  }

  /** The partitions this writer holds now. */
  Set<TopicPartition> assignment() {
    return assignment.get();
  }

  /**
   * Down once the consumer loop has stopped without being asked to: nothing is stored until the app
   * restarts.
   */
  Check liveness() {
    Throwable why = failure;
    return why == null ? Check.up() : Check.down("silver rate writer stopped: " + why);
  }

  private void run() {
    consumer.subscribe(List.of(TopicNames.RATES), new ResumeFromDatabase());
    try {
      while (running) {
        resumeDue();
        ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
        if (!batch.isEmpty()) {
          writeOrRewind(batch);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        failure = e;
        throw e;
      }
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("silver rate writer stopped; liveness turns down, so the app is restarted", e);
    } finally {
      assignment.set(Set.of());
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void writeOrRewind(ConsumerRecords<String, byte[]> batch) {
    try {
      batchTimer.record(
          () -> {
            try {
              write(batch);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new BatchFailed(batch.partitions(), e);
            }
          });
    } catch (BatchFailed e) {
      if (!running) {
        return;
      }
      // nothing of these partitions was committed: read them again after a pause, while the
      // others go on
      LOG.warn(
          "silver rates of {} not stored ({} of the batch's {} partitions), retrying in {}: {}",
          e.partitions,
          e.partitions.size(),
          batch.partitions().size(),
          RETRY_PAUSE,
          e.getCause().toString());
      for (TopicPartition tp : e.partitions) {
        consumer.seek(tp, batch.records(tp).getFirst().offset());
        retryAt.put(tp, System.nanoTime() + RETRY_PAUSE.toNanos());
      }
      consumer.pause(e.partitions);
      paused.set(retryAt.size());
    }
  }

  private void resumeDue() {
    if (retryAt.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    Set<TopicPartition> assigned = consumer.assignment();
    List<TopicPartition> due = new ArrayList<>();
    retryAt
        .entrySet()
        .removeIf(
            e -> {
              boolean over = now - e.getValue() >= 0 || !assigned.contains(e.getKey());
              if (over && assigned.contains(e.getKey())) {
                due.add(e.getKey());
              }
              return over;
            });
    consumer.resume(due);
    paused.set(retryAt.size());
  }

  private void write(ConsumerRecords<String, byte[]> batch) throws InterruptedException {
    try {
      storeBatch(batch);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new BatchFailed(batch.partitions(), e);
    }
    // informational only (lag monitoring); positions are resumed from sink_offset
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    for (TopicPartition tp : batch.partitions()) {
      commit.put(tp, new OffsetAndMetadata(batch.records(tp).getLast().offset() + 1));
    }
    consumer.commitAsync(commit, null);
  }

  /** Checks the batch's records and stores them with their next offsets in one transaction. */
  private void storeBatch(ConsumerRecords<String, byte[]> batch)
      throws SQLException, ExecutionException, InterruptedException {
    List<Checked> accepted = new ArrayList<>();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    Set<TopicPartition> partitions = batch.partitions();
    for (TopicPartition tp : partitions) {
      for (ConsumerRecord<String, byte[]> record : batch.records(tp)) {
        switch (check.check(record)) {
          case SilverRecordCheck.Accepted a -> accepted.add(new Checked(record, a.rate()));
          case SilverRecordCheck.Rejected r -> sent.add(reject(record, r.rejection()));
        }
      }
      nextOffsets.put(tp, batch.records(tp).getLast().offset() + 1);
    }
    awaitRejections(sent);
    try {
      store.write(accepted.stream().map(Checked::rate).toList(), nextOffsets);
      stored.increment(accepted.size());
    } catch (SQLException e) {
      if (!StoreRefusal.isAboutTheData(e)) {
        throw e; // the database, not the data: retried
      }
      LOG.warn(
          "the database refused a batch of {} for its data ({}); storing it record by record to reject only the "
              + "records it refuses",
          partitions,
          StoreRefusal.describe(e));
      storeOneByOne(accepted, nextOffsets);
    }
  }

  /**
   * Each accepted record in a transaction of its own, with its offset; a record the database
   * refuses for its data goes to fx.rejected.v1 (STORE_REFUSED), so one bad record can never hold
   * its partition back.
   */
  private void storeOneByOne(List<Checked> accepted, Map<TopicPartition, Long> nextOffsets)
      throws SQLException, ExecutionException, InterruptedException {
    for (Checked c : accepted) {
      TopicPartition tp = new TopicPartition(c.record().topic(), c.record().partition());
      Map<TopicPartition, Long> next = Map.of(tp, c.record().offset() + 1);
      try {
        store.write(List.of(c.rate()), next);
        stored.increment();
      } catch (SQLException e) {
        if (!StoreRefusal.isAboutTheData(e)) {
          throw e;
        }
        awaitRejections(
            List.of(
                reject(
                    c.record(),
                    SilverRecordCheck.rejection(
                        c.record(), StoreRefusal.REASON, StoreRefusal.describe(e), null))));
        store.write(List.of(), next);
      }
    }
    store.write(List.of(), nextOffsets); // past the batch's last records, rejected ones included
  }

  private Future<RecordMetadata> reject(
      ConsumerRecord<String, byte[]> record, Rejection rejection) {
    try (ExtractionTrace.Scope logging =
        ExtractionTrace.logging(ExtractionTrace.extractionId(record.headers()).orElse(null))) {
      LOG.warn(
          "silver record {}-{}@{} rejected: {} {}",
          record.topic(),
          record.partition(),
          record.offset(),
          rejection.getReasonCode(),
          rejection.getDetail());
    }
    // the rejection keeps the record's headers: its extraction id and trace context go on with it
    return rejections.send(
        new ProducerRecord<>(TopicNames.REJECTED, null, record.key(), rejection, record.headers()));
  }

  /** Every rejection is safe in Kafka before an offset moves past its input. */
  private void awaitRejections(List<Future<RecordMetadata>> sent)
      throws ExecutionException, InterruptedException {
    for (Future<RecordMetadata> f : sent) {
      f.get();
    }
    rejected.increment(sent.size());
  }

  private record Checked(ConsumerRecord<String, byte[]> record, SilverRate rate) {}

  private void pause() {
    try {
      Thread.sleep(RETRY_PAUSE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(15));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    rejections.close(Duration.ofSeconds(5));
    clientMetrics.close();
    clientMetricsRefresh.shutdownNow();
  }

  /** Seeks newly assigned partitions to the positions stored with the rows. */
  private final class ResumeFromDatabase implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Map<TopicPartition, Long> stored = null;
      while (stored == null && running) {
        try {
          currencies.reload();
          stored = store.storedOffsets(partitions);
        } catch (SQLException e) {
          LOG.warn("cannot read sink_offset, retrying in {}: {}", RETRY_PAUSE, e.toString());
          pause();
        }
      }
      if (stored == null) {
        return;
      }
      for (TopicPartition tp : partitions) {
        Long next = stored.get(tp);
        if (next == null) {
          consumer.seekToBeginning(List.of(tp));
        } else {
          consumer.seek(tp, next);
        }
      }
      LOG.info("assigned {}; resuming from stored offsets {}", partitions, stored);
      assignment.set(Set.copyOf(consumer.assignment()));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // each batch commits before the next poll, so there is nothing in flight to finish here
      Set<TopicPartition> remaining = new java.util.HashSet<>(consumer.assignment());
      remaining.removeAll(partitions);
      assignment.set(Set.copyOf(remaining));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      onPartitionsRevoked(partitions);
    }
  }

  /** The partitions of a batch of which nothing was committed. */
  private static final class BatchFailed extends RuntimeException {
    private final Set<TopicPartition> partitions;

    BatchFailed(Set<TopicPartition> partitions, Throwable cause) {
      super(cause);
      this.partitions = Set.copyOf(partitions);
    }
  }
}
