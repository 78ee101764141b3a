package io.makerates.api.gold;

import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.ops.HealthChecks.Check;
import io.makerates.schema.GoldRate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted gold topic from its start into {@link LatestRates} and follows it. No
 * consumer group: every replica keeps the whole topic, a few hundred records, and starts over on
 * restart. Ready once it has read up to the end the topic had when it started.
 */
public final class GoldFollower implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GoldFollower.class);

  private final KafkaConsumer<String, GoldRate> consumer;
  private final LatestRates latest;
  private final Thread thread;
  private volatile Map<TopicPartition, Long> startEnd;
  private volatile boolean caughtUp;
  private volatile String failure;
  private volatile long lag = -1;
  private final java.util.concurrent.atomic.AtomicLong read =
      new java.util.concurrent.atomic.AtomicLong();

  public GoldFollower(Properties kafka, Deserializer<GoldRate> values, LatestRates latest) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "makerates-api-gold");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), values);
    this.latest = latest;
    this.thread = new Thread(this::run, "makerates-api-gold");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Ready once the records the topic held at start are read. */
  public Check health() {
    if (failure != null) {
      return Check.down("reading " + TopicNames.GOLD + " failed: " + failure);
    }
    return caughtUp ? Check.up() : Check.down("reading " + TopicNames.GOLD + " up to its end");
  }

  /** Gold records read since start. */
  public long recordsRead() {
    return read.get();
  }

  /** Records the topic holds beyond what was read, summed over its partitions. */
  public long lag() {
    return lag;
  }

  private void run() {
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TopicNames.GOLD, Duration.ofSeconds(30)).stream()
              .map(i -> new TopicPartition(TopicNames.GOLD, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      startEnd = consumer.endOffsets(partitions);
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, GoldRate> r : consumer.poll(Duration.ofMillis(500))) {
          latest.accept(r.key(), r.value());
          read.incrementAndGet();
        }
        // from the last fetch's metadata: no request to the broker
        lag = startEnd.keySet().stream().mapToLong(tp -> consumer.currentLag(tp).orElse(0L)).sum();
        if (!caughtUp
            && startEnd.entrySet().stream()
                .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
          caughtUp = true;
          LOG.info("read {} up to its end; serving the latest rates", TopicNames.GOLD);
        }
      }
    } catch (WakeupException stopping) {
      // close() woke the consumer
    } catch (RuntimeException e) {
      failure = e.getMessage();
      LOG.error("reading {} failed", TopicNames.GOLD, e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(10_000);
  }
}
