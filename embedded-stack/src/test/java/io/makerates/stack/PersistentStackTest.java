package io.makerates.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack with a data dir keeps its records, schemas (with their ids) and rows across a stop, and
 * even a kill -9.
 */
@Tag("integration")
class PersistentStackTest {

  private static final String SCHEMA =
      "{\"type\":\"record\",\"name\":\"Kept\",\"fields\":[{\"name\":\"v\",\"type\":\"string\"}]}";
  private static final String OTHER =
      "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[{\"name\":\"w\",\"type\":\"long\"}]}";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void recordsSchemaIdsAndRowsSurviveARestartOnTheSameDataDir(@TempDir Path data) throws Exception {
    int schemaId;
    String bootstrap;
    try (EmbeddedStack stack = EmbeddedStack.builder().all().dataDir(data).start()) {
      assertThat(stack.persistent()).isTrue();
      assertThat(EmbeddedStack.isRunning(data)).isTrue();
      bootstrap = stack.bootstrapServers();
      writeData(stack.bootstrapServers(), stack.jdbcUrl());
      schemaId = register(stack.registryUrl(), "kept-value", SCHEMA);
    }
    assertThat(EmbeddedStack.isRunning(data)).isFalse();
    assertThat(data.resolve("kafka").resolve("meta.properties")).isRegularFile();
    assertThat(data.resolve("postgres").resolve("PG_VERSION")).isRegularFile();

    try (EmbeddedStack stack = EmbeddedStack.builder().all().dataDir(data).start()) {
      assertThat(stack.bootstrapServers())
          .as("the remembered ports, free again")
          .isEqualTo(bootstrap);
      assertDataKept(stack.bootstrapServers(), stack.registryUrl(), stack.jdbcUrl(), schemaId);
      // the id sequence was kept too: a new schema gets a new id, never the old one again
      assertThat(register(stack.registryUrl(), "other-value", OTHER)).isNotEqualTo(schemaId);
    }

    try (EmbeddedStack stack =
        EmbeddedStack.builder().postgres().kafka().dataDir(data).fresh(true).start()) {
      try (Connection conn =
              DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
          ResultSet rs = conn.createStatement().executeQuery("SELECT to_regclass('public.kept')")) {
        rs.next();
        assertThat(rs.getString(1)).as("a fresh start begins with no table").isNull();
      }
      try (Admin admin = Admin.create(stack.kafkaProperties())) {
        assertThat(admin.listTopics().names().get()).doesNotContain("kept");
      }
    }
  }

  @Test
  void aSecondStackCannotTakeADataDirInUseNorStartItFresh(@TempDir Path data) {
    try (EmbeddedStack stack = EmbeddedStack.builder().postgres().dataDir(data).start()) {
      assertThatThrownBy(() -> EmbeddedStack.builder().postgres().dataDir(data).start())
          .hasMessageContaining("another stack is running in " + data.toAbsolutePath());
      assertThatThrownBy(() -> EmbeddedStack.builder().postgres().dataDir(data).fresh(true).start())
          .hasMessageContaining("another stack is running");
      assertThat(data.resolve("postgres").resolve("PG_VERSION")).isRegularFile();
    }
  }

  @Test
  void aPersistentDirIsDeletedNeitherByCloseNorByAnotherStacksSweep(@TempDir Path root)
      throws Exception {
    Path kept = root.resolve("kept");
    try (EmbeddedStack stack = EmbeddedStack.builder().postgres().dataDir(kept).start()) {
      assertThat(stack.directory()).isEqualTo(kept.toAbsolutePath());
    }
    assertThat(kept.resolve("postgres").resolve("PG_VERSION")).isRegularFile();

    // beside it, a dead ephemeral run: its lock file is not held by anyone
    Path dead = Files.createDirectories(root.resolve("stack-dead"));
    Files.writeString(dead.resolve(StackDirectory.LOCK), "");

    try (EmbeddedStack ephemeral = EmbeddedStack.builder().postgres().root(root).start()) {
      assertThat(dead).as("the sweep still works").doesNotExist();
      assertThat(kept.resolve("postgres").resolve("PG_VERSION")).isRegularFile();
    }
    assertThat(kept.resolve("postgres").resolve("PG_VERSION")).isRegularFile();
  }

  @Test
  void aStackKilledWithSigkillLeavesNothingThatBlocksTheNextStartAndLosesNothingCommitted(
      @TempDir Path data) throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process holder =
        new ProcessBuilder(
                ApicurioRegistry.javaExecutable(),
                "-cp",
                classpath,
                "-D" + ApicurioRegistry.ARCHIVE_PROPERTY + "=" + ApicurioRegistry.archive(),
                StackHolder.class.getName(),
                "--data-dir",
                data.toString())
            .redirectErrorStream(true)
            .start();
    String[] env = null;
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream()));
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ENV ")) {
          env = line.substring(4).split(" ");
        }
        if (line.startsWith("READY ")) {
          break;
        }
      }
      assertThat(env).as("the holder JVM printed its stack's addresses").isNotNull();
      assertThat(EmbeddedStack.isRunning(data)).isTrue();
      writeData(env[0], env[2]);
      int schemaId = register(env[1], "kept-value", SCHEMA);

      Path abs = data.toAbsolutePath();
      List<ProcessHandle> orphans =
          ProcessHandle.allProcesses()
              .filter(ph -> ph.info().commandLine().orElse("").contains(abs.toString()))
              .toList();
      assertThat(orphans)
          .as("postmaster and registry of the holder")
          .hasSizeGreaterThanOrEqualTo(2);

      holder
          .destroyForcibly()
          .waitFor(); // SIGKILL: no shutdown hook runs, postmaster and registry go on
      assertThat(orphans).allMatch(ProcessHandle::isAlive);
      assertThat(EmbeddedStack.isRunning(data)).as("the lock died with its JVM").isFalse();

      try (EmbeddedStack next = EmbeddedStack.builder().all().dataDir(data).start()) {
        for (ProcessHandle orphan : orphans) {
          orphan.onExit().get(15, TimeUnit.SECONDS);
        }
        assertDataKept(next.bootstrapServers(), next.registryUrl(), next.jdbcUrl(), schemaId);
      }
    } finally {
      holder.destroyForcibly();
    }
  }

  private static void writeData(String bootstrap, String jdbcUrl) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(p)) {
      admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
    }
    p.put("acks", "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("kept", "k", "v1")).get();
    }
    try (Connection conn = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
      conn.createStatement().execute("CREATE TABLE kept (id int PRIMARY KEY, v text)");
      conn.createStatement().execute("INSERT INTO kept VALUES (1, 'row one')");
    }
  }

  private void assertDataKept(String bootstrap, String registryUrl, String jdbcUrl, int schemaId)
      throws Exception {
    Properties c = new Properties();
    c.put("bootstrap.servers", bootstrap);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition("kept", 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    assertThat(values).containsExactly("v1");

    HttpResponse<String> schema =
        http.send(
            HttpRequest.newBuilder(URI.create(ccompat(registryUrl) + "/schemas/ids/" + schemaId))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(schema.statusCode()).isEqualTo(200);
    assertThat(schema.body()).contains("Kept");

    try (Connection conn = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
        ResultSet rs = conn.createStatement().executeQuery("SELECT v FROM kept WHERE id = 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("row one");
    }
  }

  private int register(String registryUrl, String subject, String schema) throws Exception {
    String body = "{\"schema\":\"" + schema.replace("\"", "\\\"") + "\"}";
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(ccompat(registryUrl) + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(answer.body());
    assertThat(id.find()).as(answer.body()).isTrue();
    return Integer.parseInt(id.group(1));
  }

  private static String ccompat(String registryUrl) {
    return registryUrl.replace("/apis/registry/v3", "/apis/ccompat/v7");
  }
}
