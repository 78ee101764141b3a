package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.kafka.TopicProvisioner;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.runtime.ops.Observability;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Contribution;
import io.makerates.stack.EmbeddedStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the real broker and registry: three independent sources, one 10% off on USD. The
 * consensus rejects that voice and says why, the other currencies reach CONSENSUS; and the same
 * bronze processed again by a fresh application id from offset zero gives identical silver rates.
 */
@Tag("integration")
class ConsensusReplayIntegrationTest {

  @TempDir Path stateDir;

  @Test
  void aWrongVoiceIsRejectedAndAReplayGivesIdenticalSilver() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.builder().kafka().registry().start()) {
      AvroSerdes avro = new AvroSerdes(stack.registryUrl());
      TopicProvisioner.ensure(
          stack.kafkaProperties(), TopicProvisioner.contractTopics(2, (short) 1));
      try (KafkaProducer<String, SpecificRecord> producer =
          new KafkaProducer<>(
              stack.kafkaProperties(),
              new StringSerializer(),
              avro.<SpecificRecord>valueSerde().serializer())) {
        for (BronzeExtraction answer :
            List.of(
                answer("frankfurter", "\"USD\":1.1702,\"JPY\":172.45,\"GBP\":0.8704", 0),
                answer(
                    "boc",
                    "\"USD\":1.2872,\"JPY\":172.52,\"GBP\":0.8701",
                    1), // boc's USD is 10% off
                answer(
                    "exchangerate-api",
                    "\"USD\":1.1711,\"JPY\":172.61,\"GBP\":0.8699",
                    2))) { // sets it aside
          producer
              .send(new ProducerRecord<>(TopicNames.BRONZE, answer.getSourceId(), answer))
              .get();
        }
      }

      Map<String, List<ConsensusRate>> first = run(stack, "rates-first", 1);
      Map<String, ConsensusRate> last = new LinkedHashMap<>();
      first.forEach((key, records) -> last.put(key, records.getLast()));
      ConsensusRate usd = last.get("EUR/USD");
      assertThat(usd.getStatus()).isEqualTo(ConsensusStatus.CONSENSUS);
      assertThat(usd.getContributions())
          .extracting(
              Contribution::getSourceId,
              Contribution::getAccepted,
              Contribution::getRejectionReason)
          .contains(tuple("boc", false, "OUTLIER"));
      assertThat(last.get("EUR/JPY").getStatus()).isEqualTo(ConsensusStatus.CONSENSUS);
      assertThat(last.get("EUR/GBP").getStatus()).isEqualTo(ConsensusStatus.CONSENSUS);
      assertThat(last.get("EUR/JPY").getSourceCount()).isEqualTo(3);
      assertThat(last.get("USD/JPY").getDerived()).isTrue();

      // the rates topic now holds both runs: per pair, in offset order, the replay's records follow
      // the first run's
      Map<String, List<ConsensusRate>> both = run(stack, "rates-replay", 2);
      assertThat(both.keySet()).isEqualTo(first.keySet());
      both.forEach(
          (key, records) -> {
            int half = records.size() / 2;
            assertThat(records.subList(half, records.size()))
                .as(key)
                .isEqualTo(records.subList(0, half))
                .isEqualTo(first.get(key));
          });
    }
  }

  /**
   * Runs the app under {@code applicationId} until the rates topic holds {@code runs} runs' worth
   * of records; returns them all, per pair ({@code base/quote}) in offset order.
   */
  private Map<String, List<ConsensusRate>> run(EmbeddedStack stack, String applicationId, int runs)
      throws Exception {
    Settings settings =
        new Settings(stack.env())
            .with(
                Map.of(
                    "MAKERATES_STATE_DIR",
                    stateDir.resolve(applicationId).toString(),
                    "MAKERATES_APPLICATION_ID",
                    applicationId,
                    "MAKERATES_TOPIC_PARTITIONS",
                    "2"));
    HealthChecks health = new HealthChecks();
    Map<String, List<ConsensusRate>> rates = new LinkedHashMap<>();
    int[] read = {0};
    // 3 observations, each changing the day's 3 EUR pairs and 3 derived USD ones (USD/EUR, USD/JPY,
    // USD/GBP)
    int expected = runs * 3 * 6;
    try (AutoCloseable app =
            StreamsApp.start(settings, Observability.registry("streams-app"), health);
        KafkaConsumer<String, ConsensusRate> consumer =
            consumer(stack, new AvroSerdes(stack.registryUrl()))) {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          rates
                              .computeIfAbsent(
                                  r.value().getBase() + "/" + r.value().getQuote(),
                                  k -> new ArrayList<>())
                              .add(r.value());
                          read[0]++;
                        });
                return read[0] >= expected;
              });
    }
    return rates;
  }

  private static KafkaConsumer<String, ConsensusRate> consumer(
      EmbeddedStack stack, AvroSerdes avro) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, ConsensusRate> consumer =
        new KafkaConsumer<>(
            props, new StringDeserializer(), avro.<ConsensusRate>valueSerde().deserializer());
    consumer.subscribe(List.of(TopicNames.RATES));
    return consumer;
  }

  private static BronzeExtraction answer(String sourceId, String rates, int minutesLater) {
    String body =
        "{\"amount\":1.0,\"base\":\"EUR\",\"date\":\"2026-09-25\",\"rates\":{" + rates + "}}";
    Instant at = Bronzes.EXTRACTED_AT.plusSeconds(60L * minutesLater);
    return Bronzes.answer(
        sourceId,
        body,
        at,
        UUID.nameUUIDFromBytes((sourceId + at).getBytes(StandardCharsets.UTF_8)));
  }
}
