package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.Topics;
import io.makerates.schema.GoldRate;
import io.makerates.sources.OfflineRequest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The end-to-end path against the services a deployment runs, in containers: Kafka (KRaft),
 * Apicurio Registry and PostgreSQL with logical decoding, with the three apps configured only
 * through the environment variables a Deployment would give them. Where no Docker engine answers,
 * JUnit reports the class skipped ("disabledWithoutDocker"); the embedded stack ({@link
 * PipelineEndToEndTest}) stays the default path. Run only these with {@code -Pcontainers}.
 */
@Tag("containers")
@Testcontainers(disabledWithoutDocker = true)
class ContainersEndToEndTest {

  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

  @Container
  static final PostgreSQLContainer<?> POSTGRES =
      new PostgreSQLContainer<>("postgres:17")
          .withDatabaseName("makerates")
          .withUsername("makerates")
          .withPassword("makerates")
          .withCommand(
              "postgres",
              "-c",
              "wal_level=logical",
              "-c",
              "max_replication_slots=10",
              "-c",
              "max_wal_senders=10");

  @Container
  static final GenericContainer<?> REGISTRY =
      new GenericContainer<>("apicurio/apicurio-registry:3.3.3")
          .withExposedPorts(8080)
          .waitingFor(Wait.forHttp("/health/ready").forPort(8080))
          .withStartupTimeout(Duration.ofMinutes(3));

  @TempDir static Path state;

  private static OfflineSourceStub source;
  private static LocalPipeline pipeline;
  private static String registryUrl;

  @BeforeAll
  static void start() {
    registryUrl =
        "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8080) + "/apis/registry/v3";
    source = new OfflineSourceStub(Clock.systemUTC());
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.getBootstrapServers());
    env.put("MAKERATES_REGISTRY_URL", registryUrl);
    env.put("MAKERATES_DATABASE_URL", POSTGRES.getJdbcUrl());
    env.put("MAKERATES_DATABASE_USER", POSTGRES.getUsername());
    env.put("MAKERATES_DATABASE_PASSWORD", POSTGRES.getPassword());
    env.put("MAKERATES_STATE_DIR", state.resolve("streams").toString());
    env.put("MAKERATES_SOURCES", "ecb");
    env.put("MAKERATES_SOURCE_ECB_BASE_URL", source.baseUrl("ecb"));
    env.put("MAKERATES_SOURCE_ECB_DAILY_AT", "none");
    pipeline = LocalPipeline.start(env);
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
    if (source != null) {
      source.close();
    }
  }

  @Test
  void aServedAnswerReachesTheStarSchemaAndGoldInContainers() {
    LocalDate day = source.market("ecb").latest();
    String usd =
        PipelineEndToEndTest.ecbRate(
            source.answer("ecb", new OfflineRequest("/eurofxref-daily.xml", Map.of(), null)).body(),
            "USD");
    await().atMost(Duration.ofSeconds(120)).until(pipeline::ready);

    BigDecimal fact =
        await().atMost(Duration.ofSeconds(120)).until(() -> factRate(day), v -> v != null);
    assertThat(fact).isEqualByComparingTo(usd);

    Topics topics = new Topics(new AvroSerdes(registryUrl));
    GoldRate gold =
        await()
            .atMost(Duration.ofSeconds(120))
            .until(
                () ->
                    TestTopics.readAll(kafka(), topics.gold).stream()
                        .filter(r -> r.key().equals("EUR/USD"))
                        .map(ConsumerRecord::value)
                        .reduce((a, b) -> b)
                        .orElse(null),
                g -> g != null);
    assertThat(new BigDecimal(gold.getRate())).isEqualByComparingTo(fact);
    assertThat(gold.getDate()).isEqualTo(day);
  }

  private static Properties kafka() {
    Properties p = new Properties();
    p.put("bootstrap.servers", KAFKA.getBootstrapServers());
    return p;
  }

  private static BigDecimal factRate(LocalDate day) throws Exception {
    try (Connection conn =
            DriverManager.getConnection(
                POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword());
        PreparedStatement ps =
            conn.prepareStatement(
                "SELECT f.rate FROM fact_rate f JOIN dim_date d ON d.date_key = f.date_key"
                    + " WHERE d.date = ? AND f.base = 'EUR' AND f.quote = 'USD'")) {
      ps.setObject(1, day);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBigDecimal(1) : null;
      }
    }
  }
}
