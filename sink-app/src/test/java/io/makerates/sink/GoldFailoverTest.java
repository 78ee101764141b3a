package io.makerates.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.runtime.ops.Observability;
import io.makerates.schema.GoldRate;
import io.makerates.stack.EmbeddedStack;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two sink replicas: one runs the CDC engine, the other takes over when it stops; gold sees
 * operator rows; a publisher restarted after a pause publishes every change made meanwhile.
 */
@Tag("integration")
class GoldFailoverTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void theStandbyTakesOverTheGoldEngineWhenTheActiveReplicaStops() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.builder().all().start()) {
      Settings settings =
          new Settings(stack.env()).with(Map.of("MAKERATES_GOLD_LOCK_RETRY", "300ms"));
      PrometheusMeterRegistry firstMetrics = Observability.registry("sink-1");
      PrometheusMeterRegistry secondMetrics = Observability.registry("sink-2");
      AutoCloseable first = SinkApp.start(settings, firstMetrics, new HealthChecks());
      await().atMost(WAIT).until(() -> goldActive(firstMetrics));
      try (AutoCloseable second = SinkApp.start(settings, secondMetrics, new HealthChecks());
          Connection db =
              DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
          Statement st = db.createStatement()) {
        st.executeUpdate(
            """
            INSERT INTO latest_rate (base, quote, rate_date, rate, status, source_count, revision)
            VALUES ('EUR', 'GBP', '2025-03-20', 0.8400, 'CONSENSUS', 2, 1)""");
        awaitGold(stack, "0.8400");
        assertThat(goldActive(secondMetrics)).as("the lock holder is the only engine").isFalse();

        first.close();
        await().atMost(WAIT).until(() -> goldActive(secondMetrics));
        st.executeUpdate(
            "UPDATE latest_rate SET rate = 0.8450, revision = 2 WHERE base = 'EUR' AND quote = 'GBP'");
        awaitGold(stack, "0.8450");
      }
    }
  }

  @Test
  void aRestartedPublisherCatchesUpWithEveryChangeMadeWhileItWasDown() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.builder().all().start();
        Connection db =
            DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        Statement st = db.createStatement()) {
      Settings settings =
          new Settings(stack.env()).with(Map.of("MAKERATES_GOLD_LOCK_RETRY", "300ms"));
      PrometheusMeterRegistry metrics = Observability.registry("sink-1");
      try (AutoCloseable sink = SinkApp.start(settings, metrics, new HealthChecks())) {
        await().atMost(WAIT).until(() -> goldActive(metrics));
        st.executeUpdate(
            """
            INSERT INTO latest_rate (base, quote, rate_date, rate, status, source_count, revision)
            VALUES ('EUR', 'GBP', '2025-03-20', 0.8400, 'CONSENSUS', 2, 1)""");
        awaitGold(stack, "0.8400");
      }

      // while no publisher runs, the table keeps changing: the replication slot holds the changes
      st.executeUpdate(
          "UPDATE latest_rate SET rate = 0.8410, revision = 2 WHERE base = 'EUR' AND quote = 'GBP'");
      st.executeUpdate(
          "UPDATE latest_rate SET rate = 0.8420, revision = 3 WHERE base = 'EUR' AND quote = 'GBP'");
      st.executeUpdate(
          """
          INSERT INTO latest_rate (base, quote, rate_date, rate, status, source_count, revision)
          VALUES ('EUR', 'CHF', '2025-03-20', 0.9512, 'SINGLE_SOURCE', 1, 1)""");

      PrometheusMeterRegistry restarted = Observability.registry("sink-1-restarted");
      try (AutoCloseable sink = SinkApp.start(settings, restarted, new HealthChecks())) {
        await().atMost(WAIT).until(() -> goldActive(restarted));
        Map<String, java.util.List<String>> seen =
            goldHistory(stack, "EUR/GBP", "0.8420", "EUR/CHF", "0.9512");
        // no gap: every value GBP took reached gold, in order, ending with the current one (no
        // stale value)
        assertThat(seen.get("EUR/GBP"))
            .containsSubsequence("0.8400", "0.8410", "0.8420")
            .last()
            .isEqualTo("0.8420");
        assertThat(seen.get("EUR/CHF")).last().isEqualTo("0.9512");
      }
    }
  }

  /**
   * Reads gold from the start until every {@code key, rate} pair given was seen; returns each key's
   * values in order.
   */
  private static Map<String, java.util.List<String>> goldHistory(
      EmbeddedStack stack, String... keysAndRates) {
    Properties props = stack.kafkaProperties();
    AvroSerdes serdes = new AvroSerdes(stack.registryUrl());
    Map<String, java.util.List<String>> seen = new java.util.HashMap<>();
    try (KafkaConsumer<String, GoldRate> consumer =
        new KafkaConsumer<>(
            props, new StringDeserializer(), serdes.<GoldRate>valueSerde().deserializer())) {
      var partitions =
          consumer.partitionsFor(TopicNames.GOLD).stream()
              .map(p -> new TopicPartition(TopicNames.GOLD, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await()
          .atMost(WAIT)
          .until(
              () -> {
                for (ConsumerRecord<String, GoldRate> r : consumer.poll(Duration.ofMillis(200))) {
                  if (r.value() != null) {
                    seen.computeIfAbsent(r.key(), k -> new java.util.ArrayList<>())
                        .add(r.value().getRate());
                  }
                }
                for (int i = 0; i < keysAndRates.length; i += 2) {
                  java.util.List<String> values = seen.get(keysAndRates[i]);
                  if (values == null || !values.getLast().equals(keysAndRates[i + 1])) {
                    return false;
                  }
                }
                return true;
              });
    }
    return seen;
  }

  private static boolean goldActive(PrometheusMeterRegistry metrics) {
    return metrics.get("makerates.sink.gold.active").gauge().value() == 1.0;
  }

  private static void awaitGold(EmbeddedStack stack, String rate) {
    Properties props = stack.kafkaProperties();
    AvroSerdes serdes = new AvroSerdes(stack.registryUrl());
    try (KafkaConsumer<String, GoldRate> consumer =
        new KafkaConsumer<>(
            props, new StringDeserializer(), serdes.<GoldRate>valueSerde().deserializer())) {
      var partitions =
          consumer.partitionsFor(TopicNames.GOLD).stream()
              .map(p -> new TopicPartition(TopicNames.GOLD, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await()
          .atMost(WAIT)
          .until(
              () -> {
                for (ConsumerRecord<String, GoldRate> r : consumer.poll(Duration.ofMillis(200))) {
                  if ("EUR/GBP".equals(r.key())
                      && r.value() != null
                      && rate.equals(r.value().getRate())) {
                    return true;
                  }
                }
                return false;
              });
    }
  }
}
