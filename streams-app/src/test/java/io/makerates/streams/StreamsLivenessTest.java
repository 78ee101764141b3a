package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.makerates.runtime.config.Settings;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.stack.EmbeddedStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * streams-app's liveness on a real client against a real broker: alive while it runs; when a stream
 * thread fails, the app's handler stops the client and liveness fails, so Kubernetes restarts the
 * pod instead of leaving it unready forever. The topology here throws on purpose; the handler and
 * the check are the app's own.
 */
@Tag("integration")
class StreamsLivenessTest {

  @TempDir Path stateDir;

  @Test
  void aClientWhoseStreamThreadFailedIsNotAlive() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.builder().kafka().start()) {
      try (Admin admin = Admin.create(stack.kafkaProperties())) {
        admin
            .createTopics(
                java.util.List.of(
                    new NewTopic("liveness-in", 1, (short) 1),
                    new NewTopic(StreamsApp.DEAD_LETTER_TOPIC, 1, (short) 1)))
            .all()
            .get();
      }
      Topology topology = new Topology();
      topology.addSource(
          "in", Serdes.String().deserializer(), Serdes.String().deserializer(), "liveness-in");
      topology.addProcessor(
          "fail-on-poison",
          () ->
              new Processor<String, String, Void, Void>() {
                @Override
                public void process(Record<String, String> r) {
                  if ("poison".equals(r.value())) {
                    throw new IllegalStateException("a bug met a record it cannot handle");
                  }
                }
              },
          "in");
      Properties props =
          StreamsApp.streamsProperties(
              new Settings(stack.env())
                  .with(
                      Map.of(
                          "MAKERATES_STATE_DIR",
                          stateDir.toString(),
                          "MAKERATES_APPLICATION_ID",
                          "liveness-test")));
      props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
      // The app logs and skips a record its processors throw on; what kills a thread in production
      // is what no handler
      // covers (a state store or the broker failing). Failing on the processor's exception stands
      // in for that here.
      props.put(
          StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
          org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler.class.getName());
      try (KafkaStreams streams = new KafkaStreams(topology, props)) {
        streams.setUncaughtExceptionHandler(StreamsApp::onThreadFailure);
        HealthChecks health =
            new HealthChecks().addLiveness("streams", () -> StreamsApp.liveness(streams));
        streams.start();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> streams.state() == KafkaStreams.State.RUNNING);
        assertThat(health.alive()).isTrue();

        try (KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                stack.kafkaProperties(), new StringSerializer(), new StringSerializer())) {
          producer.send(new ProducerRecord<>("liveness-in", "k", "fine")).get();
          producer.send(new ProducerRecord<>("liveness-in", "k", "poison")).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !health.alive());
        assertThat(health.evaluateLiveness().get("streams").detail()).contains("ERROR");
      }
    }
  }
}
