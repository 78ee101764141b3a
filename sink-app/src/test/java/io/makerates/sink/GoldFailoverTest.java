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

/** Two sink replicas: one runs the CDC engine, the other takes over when it stops; gold sees operator rows. */
@Tag("integration")
class GoldFailoverTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void theStandbyTakesOverTheGoldEngineWhenTheActiveReplicaStops() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.builder().all().start()) {
      Settings settings = new Settings(stack.env()).with(Map.of("MAKERATES_GOLD_LOCK_RETRY", "300ms"));
      PrometheusMeterRegistry firstMetrics = Observability.registry("sink-1");
      PrometheusMeterRegistry secondMetrics = Observability.registry("sink-2");
      AutoCloseable first = SinkApp.start(settings, firstMetrics, new HealthChecks());
      await().atMost(WAIT).until(() -> goldActive(firstMetrics));
      try (AutoCloseable second = SinkApp.start(settings, secondMetrics, new HealthChecks());
          Connection db = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
          Statement st = db.createStatement()) {
        st.executeUpdate("""
            INSERT INTO latest_rate (base, quote, rate_date, rate, status, source_count, revision)
            VALUES ('EUR', 'GBP', '2025-03-20', 0.8400, 'CONSENSUS', 2, 1)""");
        awaitGold(stack, "0.8400");
        assertThat(goldActive(secondMetrics)).as("the lock holder is the only engine").isFalse();

        first.close();
        await().atMost(WAIT).until(() -> goldActive(secondMetrics));
        st.executeUpdate("UPDATE latest_rate SET rate = 0.8450, revision = 2 WHERE base = 'EUR' AND quote = 'GBP'");
        awaitGold(stack, "0.8450");
      }
    }
  }

  private static boolean goldActive(PrometheusMeterRegistry metrics) {
    return metrics.get("makerates.sink.gold.active").gauge().value() == 1.0;
  }

  private static void awaitGold(EmbeddedStack stack, String rate) {
    Properties props = stack.kafkaProperties();
    AvroSerdes serdes = new AvroSerdes(stack.registryUrl());
    try (KafkaConsumer<String, GoldRate> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        serdes.<GoldRate>valueSerde().deserializer())) {
      var partitions = consumer.partitionsFor(TopicNames.GOLD).stream()
          .map(p -> new TopicPartition(TopicNames.GOLD, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await().atMost(WAIT).until(() -> {
        for (ConsumerRecord<String, GoldRate> r : consumer.poll(Duration.ofMillis(200))) {
          if ("EUR/GBP".equals(r.key()) && r.value() != null && rate.equals(r.value().getRate())) {
            return true;
          }
        }
        return false;
      });
    }
  }
}
