package io.makerates.bench;

import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.kafka.Topics;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.GoldRate;
import io.makerates.stack.EmbeddedStack;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * streams-app and sink-app.
 */
final class TrickleLatency {

  /** The latencies to silver and to gold: percentiles and each answer's in the order sent. */
  record Measured(Map<String, Object> toSilver, Map<String, Object> toGold) {}

  private TrickleLatency() {}

  /** Sends {@code trickle} answers for the business days after {@code after} and times them. */
  static Measured measure(
      EmbeddedStack stack, HistoricalBronze history, LocalDate after, int trickle)
      throws Exception {
    Topics topics = new Topics(new AvroSerdes(stack.registryUrl()));
    Map<LocalDate, Long> sent = new ConcurrentHashMap<>();
    Map<LocalDate, Long> silverAt = new ConcurrentHashMap<>();
    Map<LocalDate, Long> goldAt = new ConcurrentHashMap<>();
    try (KafkaConsumer<String, ConsensusRate> silver =
            consumer(stack, topics.rates.valueSerde().deserializer(), TopicNames.RATES);
        KafkaConsumer<String, GoldRate> gold =
            consumer(stack, topics.gold.valueSerde().deserializer(), TopicNames.GOLD);
        KafkaProducer<String, BronzeExtraction> producer =
            new KafkaProducer<>(
                stack.kafkaProperties(),
                new StringSerializer(),
                topics.bronze.valueSerde().serializer())) {
      TimeUnit.SECONDS.sleep(10); // streams-app joins its group and restores its state
      LocalDate day = after;
      long nextSend = System.nanoTime();
      int count = 0;
      long deadline = Long.MAX_VALUE;
      while (System.nanoTime() < deadline) {
        if (count < trickle && System.nanoTime() >= nextSend) {
          do {
            day = day.plusDays(1);
          } while (!HistoricalBronze.targetBusinessDay(day));
          BronzeExtraction answer = history.ecbDay(day, Instant.now());
          sent.put(day, System.nanoTime());
          producer.send(new ProducerRecord<>(TopicNames.BRONZE, answer.getSourceId(), answer));
          producer.flush();
          nextSend += Duration.ofMillis(500).toNanos();
          if (++count == trickle) {
            deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
          }
        }
        for (ConsumerRecord<String, ConsensusRate> r : silver.poll(Duration.ofMillis(20))) {
          silverAt.putIfAbsent(r.value().getDate(), System.nanoTime());
        }
        for (ConsumerRecord<String, GoldRate> r : gold.poll(Duration.ofMillis(20))) {
          goldAt.putIfAbsent(r.value().getDate(), System.nanoTime());
        }
        if (count == trickle
            && goldAt.keySet().containsAll(sent.keySet())
            && silverAt.keySet().containsAll(sent.keySet())) {
          break;
        }
      }
    }
    return new Measured(percentiles(sent, silverAt), percentiles(sent, goldAt));
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
    // in the order the answers were sent, so that slow first answers (sent while streams-app
    // still restores its state) show apart from a slow steady state
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
