package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.runtime.ops.Observability;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Rejection;
import io.makerates.stack.EmbeddedStack;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app as deployed: real broker, real registry, exactly-once, Confluent wire format, dead-letter
 * queue.
 */
@Tag("integration")
class StreamsAppIntegrationTest {

  @TempDir Path stateDir;

  @Test
  void bronzeBecomesRegistryEncodedRatesRejectionsAndDeadLetters() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.builder().kafka().registry().start()) {
      Settings settings =
          new Settings(stack.env())
              .with(
                  Map.of(
                      "MAKERATES_STATE_DIR",
                      stateDir.toString(),
                      "MAKERATES_APPLICATION_ID",
                      "streams-it",
                      "MAKERATES_TOPIC_PARTITIONS",
                      "2"));
      PrometheusMeterRegistry metrics = Observability.registry("streams-app");
      HealthChecks health = new HealthChecks();
      AvroSerdes avro = new AvroSerdes(stack.registryUrl());

      try (AutoCloseable app = StreamsApp.start(settings, metrics, health)) {
        await().atMost(Duration.ofSeconds(60)).until(health::ready);

        BronzeExtraction good =
            Bronzes.answer("frankfurter", Bronzes.fixture("frankfurter-latest-eur.json"));
        BronzeExtraction failed =
            Bronzes.builder("frankfurter", Bronzes.EXTRACTED_AT, UUID.randomUUID())
                .setErrorCode("TIMEOUT")
                .setErrorMessage("timed out")
                .build();
        Properties producerProps = stack.kafkaProperties();
        try (KafkaProducer<String, SpecificRecord> producer =
                new KafkaProducer<>(
                    producerProps,
                    new StringSerializer(),
                    avro.<SpecificRecord>valueSerde().serializer());
            KafkaProducer<String, byte[]> raw =
                new KafkaProducer<>(
                    producerProps, new StringSerializer(), new ByteArraySerializer())) {
          producer.send(new ProducerRecord<>(TopicNames.BRONZE, "frankfurter", good)).get();
          producer.send(new ProducerRecord<>(TopicNames.BRONZE, "frankfurter", failed)).get();
          raw.send(
                  new ProducerRecord<>(
                      TopicNames.BRONZE, "poison", "not avro".getBytes(StandardCharsets.UTF_8)))
              .get();
        }

        List<ConsensusRate> rates = new ArrayList<>();
        try (KafkaConsumer<String, ConsensusRate> consumer =
            consumer(stack, avro.<ConsensusRate>valueSerde().deserializer(), TopicNames.RATES)) {
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> rates.add(r.value()));
                    return rates.size() >= 10;
                  });
        }
        assertThat(rates)
            .filteredOn(r -> !r.getDerived())
            .extracting(ConsensusRate::getQuote)
            .containsExactlyInAnyOrder("AUD", "CHF", "GBP", "JPY", "USD");
        assertThat(rates)
            .filteredOn(ConsensusRate::getDerived)
            .extracting(ConsensusRate::getBase, ConsensusRate::getQuote)
            .containsExactlyInAnyOrder(
                tuple("USD", "AUD"),
                tuple("USD", "CHF"),
                tuple("USD", "GBP"),
                tuple("USD", "JPY"),
                tuple("USD", "EUR"));
        assertThat(rates)
            .allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(ConsensusStatus.SINGLE_SOURCE));

        List<Rejection> rejections = new ArrayList<>();
        try (KafkaConsumer<String, Rejection> consumer =
            consumer(stack, avro.<Rejection>valueSerde().deserializer(), TopicNames.REJECTED)) {
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> rejections.add(r.value()));
                    return !rejections.isEmpty();
                  });
        }
        assertThat(rejections)
            .singleElement()
            .satisfies(r -> assertThat(r.getReasonCode()).isEqualTo("EXTRACTION_FAILED"));

        List<ConsumerRecord<String, String>> deadLetters = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
            consumer(stack, new StringDeserializer(), StreamsApp.DEAD_LETTER_TOPIC)) {
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(deadLetters::add);
                    return !deadLetters.isEmpty();
                  });
        }
        assertThat(deadLetters)
            .singleElement()
            .satisfies(
                r -> {
                  assertThat(r.key()).isEqualTo("poison");
                  assertThat(r.value()).isEqualTo("not avro");
                });
        assertThat(metrics.scrape()).contains("kafka_stream");
      }
      assertThat(health.ready()).isFalse();
    }
  }

  private static <V> KafkaConsumer<String, V> consumer(
      EmbeddedStack stack, Deserializer<V> values, String topic) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), values);
    consumer.subscribe(List.of(topic));
    return consumer;
  }
}
