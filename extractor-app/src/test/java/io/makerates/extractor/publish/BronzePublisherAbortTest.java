package io.makerates.extractor.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.schema.BronzeExtraction;
import io.makerates.stack.EmbeddedStack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An attempt that fails inside its transaction for a reason that is not Kafka's own (here the
 * schema registry does not answer the value serializer) aborts that transaction: the next attempt
 * fails or succeeds on its own merits, not with "Invalid transition attempted from state
 * IN_TRANSACTION", which left an extractor unable to write anything until it was restarted.
 */
@Tag("integration")
class BronzePublisherAbortTest {

  private static EmbeddedStack stack;

  @BeforeAll
  static void startBroker() throws Exception {
    stack = EmbeddedStack.builder().kafka().name("bronze-abort").start();
    // the topics exist, so that a send fails in the serializer rather than waiting for metadata
    try (Admin admin = Admin.create(stack.kafkaProperties())) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(TopicNames.BRONZE, 1, (short) 1),
                  new NewTopic(TopicNames.QUOTA, 1, (short) 1)))
          .all()
          .get();
    }
  }

  @AfterAll
  static void stopBroker() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aFailedAttemptAbortsItsTransactionSoTheNextOneCanBeginItsOwn() {
    AvroSerdes deafRegistry =
        new AvroSerdes(
            "http://127.0.0.1:1/apis/registry/v3",
            Map.of(
                SchemaResolverConfig.RETRY_COUNT, 0L,
                SchemaResolverConfig.RETRY_BACKOFF_MS, 0L,
                AvroSerdes.DEADLINE_MS, 1_000L));
    try (BronzePublisher publisher =
        new BronzePublisher(kafka(), deafRegistry, "abort-test", new SimpleMeterRegistry())) {
      for (int attempt = 0; attempt < 2; attempt++) {
        assertThatThrownBy(() -> publisher.publish(record(), null))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("not written")
            .hasMessageNotContaining("IN_TRANSACTION");
      }
      assertThat(publisher.health().ok()).isTrue();
    }
  }

  private static Properties kafka() {
    Properties kafka = new Properties();
    kafka.putAll(stack.kafkaProperties());
    kafka.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    return kafka;
  }

  private static BronzeExtraction record() {
    BronzeExtraction record = new BronzeExtraction();
    record.setSourceId("ecb");
    record.setExtractionId(UUID.randomUUID());
    return record;
  }
}
