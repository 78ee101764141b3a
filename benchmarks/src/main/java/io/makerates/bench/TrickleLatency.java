package io.makerates.bench;

import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.kafka.Topics;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.GoldRate;
import io.makerates.stack.EmbeddedStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The replay benchmark's live phase: a trickle of new ECB answers into bronze, one every 500 ms,
 * and for each the time until the first silver and the first gold record of its day, with a running
 * streams-app and sink-app, as a read-committed consumer sees them.
 */
final class TrickleLatency {

  /**
   * The latencies to silver and to gold: percentiles and each answer's in the order sent; and how
   * long streams-app took from its start until it reported ready.
   */
  record Measured(Map<String, Object> toSilver, Map<String, Object> toGold, long readyAfterMs) {}

  private TrickleLatency() {}

  /**
   * Waits until streams-app, started at {@code startedAt} (System.nanoTime), answers ready on
   * {@code readyUrl}, then sends {@code trickle} answers for the business days after {@code after}
   * and times them. The answers of a trickle meet a running app: before it is ready, answers queue
   * behind its start (joining the group, opening its state), which the time to ready measures.
   */
  static Measured measure(
      EmbeddedStack stack,
      HistoricalBronze history,
      LocalDate after,
      int trickle,
      URI readyUrl,
      long startedAt)
      throws Exception {
    Topics topics = new Topics(new AvroSerdes(stack.registryUrl()));
    Map<LocalDate, Long> sent = new ConcurrentHashMap<>();
    Map<LocalDate, Long> silverAt = new ConcurrentHashMap<>();
    Map<LocalDate, Long> goldAt = new ConcurrentHashMap<>();
    long readyAfterMs = awaitReady(readyUrl, startedAt);
    AtomicBoolean done = new AtomicBoolean();
    try (KafkaConsumer<String, ConsensusRate> silver =
            consumer(stack, topics.rates.valueSerde().deserializer(), TopicNames.RATES);
        KafkaConsumer<String, GoldRate> gold =
            consumer(stack, topics.gold.valueSerde().deserializer(), TopicNames.GOLD);
        KafkaProducer<String, BronzeExtraction> producer =
            new KafkaProducer<>(
                stack.kafkaProperties(),
                new StringSerializer(),
                topics.bronze.valueSerde().serializer());
        ExecutorService readers = Executors.newFixedThreadPool(2)) {
      // each topic read on its own thread, so that a record is seen when it arrives rather than
      // after the other topic's poll
      Future<?> silverRead = readers.submit(() -> read(silver, silverAt, done, r -> r.getDate()));
      Future<?> goldRead = readers.submit(() -> read(gold, goldAt, done, r -> r.getDate()));
      LocalDate day = after;
      for (int count = 0; count < trickle; count++) {
        do {
          day = day.plusDays(1);
        } while (!HistoricalBronze.targetBusinessDay(day));
        BronzeExtraction answer = history.ecbDay(day, Instant.now());
        sent.put(day, System.nanoTime());
        producer.send(new ProducerRecord<>(TopicNames.BRONZE, answer.getSourceId(), answer));
        producer.flush();
        TimeUnit.MILLISECONDS.sleep(500);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline
          && !(goldAt.keySet().containsAll(sent.keySet())
              && silverAt.keySet().containsAll(sent.keySet()))) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
      done.set(true);
      silverRead.get();
      goldRead.get();
    }
    return new Measured(percentiles(sent, silverAt), percentiles(sent, goldAt), readyAfterMs);
  }

  private static <V> Void read(
      KafkaConsumer<String, V> consumer,
      Map<LocalDate, Long> seenAt,
      AtomicBoolean done,
      Function<V, LocalDate> date) {
    while (!done.get()) {
      for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(20))) {
        seenAt.putIfAbsent(date.apply(r.value()), System.nanoTime());
      }
    }
    return null;
  }

  /** Milliseconds from {@code startedAt} until the URL answers 200, at most two minutes. */
  private static long awaitReady(URI readyUrl, long startedAt) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    try (HttpClient http = HttpClient.newHttpClient()) {
      while (System.nanoTime() < deadline) {
        try {
          int status =
              http.send(HttpRequest.newBuilder(readyUrl).build(), BodyHandlers.discarding())
                  .statusCode();
          if (status == 200) {
            return Math.round((System.nanoTime() - startedAt) / 1e6);
          }
        } catch (java.io.IOException notListeningYet) {
          // the app has not opened its port yet
        }
        TimeUnit.MILLISECONDS.sleep(20);
      }
    }
    throw new IllegalStateException("streams-app was not ready within 2 minutes: " + readyUrl);
  }

  private static Map<String, Object> percentiles(
      Map<LocalDate, Long> sent, Map<LocalDate, Long> seen) {
    List<Double> ms = new ArrayList<>();
    sent.forEach(
        (day, at) -> {
          Long then = seen.get(day);
          if (then != null) {
            ms.add((then - at) / 1e6);
          }
        });
    // in the order sent, so that slow first answers show apart from a slow steady state
    List<Long> inOrder =
        new java.util.TreeMap<>(sent)
            .entrySet().stream()
                .filter(e -> seen.containsKey(e.getKey()))
                .map(e -> Math.round((seen.get(e.getKey()) - e.getValue()) / 1e6))
                .toList();
    ms.sort(Double::compare);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("answers", sent.size());
    p.put("arrived", ms.size());
    p.put("each_in_order", inOrder);
    if (!ms.isEmpty()) {
      p.put("p50", Math.round(ms.get((int) Math.floor(0.5 * (ms.size() - 1)))));
      p.put("p99", Math.round(ms.get((int) Math.ceil(0.99 * (ms.size() - 1)))));
      p.put("max", Math.round(ms.getLast()));
    }
    return p;
  }

  private static <V> KafkaConsumer<String, V> consumer(
      EmbeddedStack stack,
      org.apache.kafka.common.serialization.Deserializer<V> values,
      String topic) {
    Properties p = stack.kafkaProperties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p, new StringDeserializer(), values);
    List<TopicPartition> tps =
        consumer.partitionsFor(topic).stream()
            .map(i -> new TopicPartition(topic, i.partition()))
            .toList();
    consumer.assign(tps);
    consumer.seekToEnd(tps);
    tps.forEach(consumer::position); // resolve the end now, before the trickle starts
    return consumer;
  }
}
