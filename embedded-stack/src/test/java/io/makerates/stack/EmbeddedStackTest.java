package io.makerates.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class EmbeddedStackTest {

  @Test
  void startsBrokerRegistryAndPostgresAndLeavesNothingBehind() throws Exception {
    java.nio.file.Path dir;
    try (EmbeddedStack stack = EmbeddedStack.builder().all().start()) {
      dir = stack.directory();
      assertThat(dir).isDirectory();

      // broker: a transactional round trip, which needs the transaction log with replication factor
      // 1
      try (Admin admin = Admin.create(stack.kafkaProperties())) {
        admin.createTopics(List.of(new NewTopic("probe", 1, (short) 1))).all().get();
      }
      Properties p = stack.kafkaProperties();
      p.put("transactional.id", "probe-tx");
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("probe", "k", "v"));
        producer.commitTransaction();
      }
      Properties c = stack.kafkaProperties();
      c.put("group.id", "probe");
      c.put("auto.offset.reset", "earliest");
      c.put("isolation.level", "read_committed");
      try (KafkaConsumer<String, String> consumer =
          new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of("probe"));
        ConsumerRecords<String, String> records = ConsumerRecords.empty();
        for (int i = 0; i < 50 && records.isEmpty(); i++) {
          records = consumer.poll(Duration.ofMillis(200));
        }
        assertThat(records.iterator().next().value()).isEqualTo("v");
      }

      // registry: the v3 API and the Confluent-compatible API both answer
      HttpClient http = HttpClient.newHttpClient();
      assertThat(
              http.send(
                      HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/system/info"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
      String ccompat =
          stack.registryUrl().replace("/apis/registry/v3", "/apis/ccompat/v7/subjects");
      assertThat(
              http.send(
                      HttpRequest.newBuilder(URI.create(ccompat)).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);

      // postgres: logical decoding is on, as Debezium needs
      try (Connection conn =
              DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
          ResultSet rs = conn.createStatement().executeQuery("SHOW wal_level")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("logical");
      }
      assertThat(stack.env())
          .containsKeys(
              "KAFKA_BOOTSTRAP_SERVERS", "MAKERATES_REGISTRY_URL", "MAKERATES_DATABASE_URL");

      // a second stack runs beside the first (tests of several modules run at once): no fixed port
      // anywhere
      try (EmbeddedStack second = EmbeddedStack.builder().registry().postgres().start()) {
        assertThat(second.registryUrl()).isNotEqualTo(stack.registryUrl());
        assertThat(
                http.send(
                        HttpRequest.newBuilder(URI.create(second.registryUrl() + "/system/info"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .statusCode())
            .isEqualTo(200);
      }
    }
    assertThat(dir).doesNotExist();
    assertThat(
            ProcessHandle.allProcesses()
                .map(ph -> ph.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains(dir.toString())))
        .isEmpty();
  }

  @Test
  void aRunKilledWithSigkillIsCleanedUpByTheNextStart(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process holder =
        new ProcessBuilder(
                ApicurioRegistry.javaExecutable(),
                "-cp",
                classpath,
                "-D" + ApicurioRegistry.ARCHIVE_PROPERTY + "=" + ApicurioRegistry.archive(),
                StackHolder.class.getName(),
                root.toString())
            .redirectErrorStream(true)
            .start();
    java.io.BufferedReader out =
        new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()));
    String line;
    java.nio.file.Path deadDir = null;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("READY ")) {
        deadDir = java.nio.file.Path.of(line.substring("READY ".length()));
        break;
      }
    }
    assertThat(deadDir).as("the holder JVM printed its stack folder").isNotNull();
    java.nio.file.Path orphanDir = deadDir;
    List<ProcessHandle> orphans =
        ProcessHandle.allProcesses()
            .filter(ph -> ph.info().commandLine().orElse("").contains(orphanDir.toString()))
            .toList();
    assertThat(orphans).as("postmaster and registry of the holder").hasSizeGreaterThanOrEqualTo(2);

    holder.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
    assertThat(orphans).allMatch(ProcessHandle::isAlive);

    try (EmbeddedStack next = EmbeddedStack.builder().postgres().root(root).start()) {
      assertThat(orphanDir).doesNotExist();
      for (ProcessHandle orphan : orphans) {
        orphan
            .onExit()
            .get(
                java.util.concurrent.TimeUnit.SECONDS.toMillis(15),
                java.util.concurrent.TimeUnit.MILLISECONDS);
      }
      assertThat(orphans).noneMatch(ProcessHandle::isAlive);
      assertThat(next.directory()).isDirectory();
    }
    assertThat(Map.of()).isEmpty();
  }
}
