package io.makerates.extractor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.makerates.runtime.Checksums;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.schema.BronzeExtraction;
import io.makerates.stack.EmbeddedStack;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole app against a real broker and registry: a scheduled poll lands, committed, on the
 * bronze topic.
 */
@Tag("integration")
class ExtractorAppIntegrationTest {

  @RegisterExtension
  static WireMockExtension frankfurter =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  static EmbeddedStack stack;

  @BeforeAll
  static void startStack() {
    stack = EmbeddedStack.builder().kafka().registry().start();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void publishesTheFirstPollToTheBronzeTopicInATransaction() throws Exception {
    byte[] served = SourceExtractorTest.fixture("frankfurter-latest-eur.json");
    frankfurter.stubFor(
        get("/v1/latest")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(served)));
    Map<String, String> env = new HashMap<>(stack.env());
    env.put("MAKERATES_SOURCES", "frankfurter");
    env.put(
        "MAKERATES_SOURCE_FRANKFURTER_BASE_URL",
        "http://127.0.0.1:" + frankfurter.getRuntimeInfo().getHttpPort());
    env.put("MAKERATES_INSTANCE", "extractor-it");
    env.put("MAKERATES_TOPIC_PARTITIONS", "1");
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HealthChecks health = new HealthChecks();

    try (AutoCloseable app = ExtractorApp.start(new Settings(env), metrics, health);
        KafkaConsumer<String, BronzeExtraction> consumer = committedReader()) {
      assertThat(health.evaluate()).containsKey("kafka");
      assertThat(health.ready()).isTrue();
      consumer.subscribe(List.of(TopicNames.BRONZE));

      List<ConsumerRecord<String, BronzeExtraction>> read = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return !read.isEmpty();
              });

      ConsumerRecord<String, BronzeExtraction> record = read.get(0);
      assertThat(record.key()).isEqualTo("frankfurter");
      BronzeExtraction bronze = record.value();
      assertThat(bronze.getSourceId()).isEqualTo("frankfurter");
      assertThat(bronze.getInstance()).isEqualTo("extractor-it");
      assertThat(bronze.getErrorCode()).isNull();
      assertThat(SourceExtractorTest.body(bronze)).isEqualTo(served);
      assertThat(bronze.getResponse().getSha256()).isEqualTo(Checksums.sha256Hex(served));
      assertThat(metrics.scrape())
          .contains("makerates_extractions_total{outcome=\"ok\",source=\"frankfurter\"} 1.0");
    }
    assertThat(health.ready()).isFalse();
  }

  private static KafkaConsumer<String, BronzeExtraction> committedReader() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "extractor-it-reader");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Deserializer<BronzeExtraction> values =
        new AvroSerdes(stack.registryUrl()).<BronzeExtraction>valueSerde().deserializer();
    return new KafkaConsumer<>(props, new StringDeserializer(), values);
  }
}
