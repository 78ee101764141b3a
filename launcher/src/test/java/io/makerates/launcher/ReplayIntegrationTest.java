package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.Topics;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.runtime.ops.Observability;
import io.makerates.schema.BronzeExtraction;
import io.makerates.sink.SinkApp;
import io.makerates.stack.EmbeddedStack;
import io.makerates.streams.StreamsApp;
import io.makerates.streams.replay.ReplayCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Reprocessing by replay on the real broker, registry and PostgreSQL: answers of three sources in
 * their real formats go through streams-app and sink-app; then bronze is replayed (whole, limited
 * to dates, killed with -9 midway and started again, under other rules and back) and the star
 * schema and gold are compared with the first run's.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIntegrationTest {

  private static final List<LocalDate> DAYS =
      List.of(
          LocalDate.parse("2026-03-16"),
          LocalDate.parse("2026-03-17"),
          LocalDate.parse("2026-03-18"),
          LocalDate.parse("2026-03-19"));
  private static final LocalDate REPEATED_DAY =
      LocalDate.parse("2026-03-13"); // before the others: later days move latest_rate
  private static final Pattern CHECKSUM =
      Pattern.compile("fact_rate\\s+[0-9,]+ rows, checksum (\\w+)");

  @TempDir static Path stateDir;
  private static EmbeddedStack stack;
  private static Map<String, String> env;
  private static AutoCloseable sink;
  private static AutoCloseable streams;
  private static Topics topics;
  private static Snapshot firstRun;

  @BeforeAll
  static void start() throws Exception {
    stack = EmbeddedStack.builder().all().start();
    env = new HashMap<>(stack.env());
    env.put("MAKERATES_STATE_DIR", stateDir.resolve("streams").toString());
    env.put("MAKERATES_COMMIT_INTERVAL", "100ms");
    topics = new Topics(new AvroSerdes(stack.registryUrl()));
    sink = SinkApp.start(new Settings(env), Observability.registry("sink-app"), new HealthChecks());
    streams =
        StreamsApp.start(
            new Settings(env), Observability.registry("streams-app"), new HealthChecks());
  }

  @AfterAll
  static void stop() throws Exception {
    if (streams != null) {
      streams.close();
    }
    if (sink != null) {
      sink.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void theSameAnswerExtractedTenTimesIsOneRevisionOneHistoryRowAndOneGoldRecordPerPair()
      throws Exception {
    List<BronzeExtraction> tenTimes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      tenTimes.add(
          RealFormatBronze.ecb(REPEATED_DAY, at(REPEATED_DAY, 16, 5 + 10 * i), UUID.randomUUID()));
    }
    publish(tenTimes);
    int key = 20260313;
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> rows("SELECT count(*) FROM fact_rate WHERE date_key = " + key),
            r -> r.equals(List.of("10"))); // 5 EUR pairs and 5 derived USD ones
    settle();

    assertThat(rows("SELECT DISTINCT revision FROM fact_rate WHERE date_key = " + key))
        .containsExactly("1");
    assertThat(rows("SELECT count(*) FROM fact_rate_revision WHERE date_key = " + key))
        .containsExactly("10");
    assertThat(
            rows(
                "SELECT DISTINCT extraction_id::text FROM fact_rate_contribution WHERE date_key = "
                    + key))
        .containsExactly(tenTimes.getFirst().getExtractionId().toString());
    Map<String, Integer> goldPerKey = new TreeMap<>();
    readAll(topics.gold.name(), r -> goldPerKey.merge(r.key(), 1, Integer::sum));
    assertThat(goldPerKey).hasSize(10).allSatisfy((pair, n) -> assertThat(n).as(pair).isEqualTo(1));
  }

  @Test
  @Order(2)
  void aReplayGivesTheSameFactsHistoryLineageAndGoldAndPublishesNothingNew() throws Exception {
    List<BronzeExtraction> answers = new ArrayList<>();
    for (LocalDate day : DAYS) {
      answers.add(RealFormatBronze.ecb(day, at(day, 15, 5), UUID.randomUUID()));
      answers.add(RealFormatBronze.exchangeRateApi(day, at(day, 15, 20), UUID.randomUUID()));
      answers.add(RealFormatBronze.bankOfCanada(day, at(day, 21, 30), UUID.randomUUID()));
    }
    publish(answers);
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                rows(
                    "SELECT count(*) FROM fact_rate WHERE date_key > 20260313 AND base = 'EUR' AND quote = 'USD' AND source_count = 3"),
            r -> r.equals(List.of("4")));
    settle();
    firstRun = Snapshot.take();
    assertThat(firstRun.facts()).hasSize(50);
    streams.close(); // a replay runs while streams-app is stopped
    streams = null;

    String whole = replay();
    assertThat(Snapshot.take()).isEqualTo(firstRun);
    assertThat(whole).contains("silver rates published   0").contains("gold records published   0");

    String window = replay("--from", "2026-03-17", "--to", "2026-03-18");
    assertThat(Snapshot.take()).isEqualTo(firstRun);
    assertThat(checksum(window)).isEqualTo(checksum(whole)).isEqualTo(factChecksum());
  }

  @Test
  @Order(3)
  void aReplayKilledWithMinus9MidwayAndStartedAgainEndsTheSame() throws Exception {
    Path log = Files.createTempFile(stateDir, "replay-child", ".log");
    ProcessBuilder child =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            ReplayCommand.class.getName());
    child.environment().putAll(env);
    child.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process = child.start();
    try {
      // killed once the bronze positions are back at the start and its Kafka Streams has
      // joined the group
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(log).contains("reset to the start") && replayMembers() > 0);
      process.destroyForcibly(); // SIGKILL
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      System.out.println(
          "killed replay's output:\n"
              + Files.readString(log)
                  .lines()
                  .filter(l -> !l.startsWith("{"))
                  .collect(java.util.stream.Collectors.joining("\n")));
    } finally {
      process.destroyForcibly();
    }

    String again = replay();
    assertThat(Snapshot.take()).isEqualTo(firstRun);
    assertThat(checksum(again)).isEqualTo(factChecksum());
  }

  @Test
  @Order(4)
  void aReplayUnderOtherRulesRevisesOnlyTheChangedPairsAndGoldOnlyForTheirLatestRate()
      throws Exception {
    Map<String, String> latestBefore = latest();
    long goldBefore = count(topics.gold.name());

    // one basis point of tolerance: the three sources, a few bps apart, no longer agree
    String strict = replay(Map.of("MAKERATES_CONSENSUS_TOLERANCE_BPS", "1"));
    Snapshot after = Snapshot.take();
    Map<String, String> before = byKey(firstRun.facts());
    Map<String, String> now = byKey(after.facts());
    List<String> changed =
        before.keySet().stream().filter(k -> !before.get(k).equals(now.get(k))).toList();
    assertThat(changed).isNotEmpty();
    assertThat(rows("SELECT count(*) FROM fact_rate WHERE status = 'DISPUTED'"))
        .containsExactly(String.valueOf(changed.size()));
    for (String key : changed) {
      assertThat(revision(now.get(key))).as(key).isEqualTo(revision(before.get(key)) + 1);
    }
    // the repeated day had one source: a single source stays a single source, untouched
    assertThat(changed).noneMatch(k -> k.startsWith("20260313"));
    assertThat(after.history())
        .containsAll(firstRun.history())
        .hasSize(firstRun.history().size() + changed.size());
    Map<String, String> latestAfter = latest();
    long latestChanged =
        latestAfter.keySet().stream()
            .filter(k -> !latestAfter.get(k).equals(latestBefore.get(k)))
            .count();
    assertThat(count(topics.gold.name()) - goldBefore).isEqualTo(latestChanged);
    assertThat(strict).contains("silver rates published   " + changed.size() + " ");

    // and back under the default rules: the values of the first run, one revision further
    replay();
    Map<String, String> back = byKey(Snapshot.take().facts());
    for (String key : before.keySet()) {
      String expected =
          changed.contains(key)
              ? withRevision(before.get(key), revision(before.get(key)) + 2)
              : before.get(key);
      assertThat(back.get(key)).as(key).isEqualTo(expected);
    }
  }

  @Test
  @Order(5)
  void aRepublishingReplayRebuildsANewDatabaseAfterSilverExpiredAndChangesNothingInTheOldOne()
      throws Exception {
    Snapshot before = Snapshot.take();
    String checksumBefore = factChecksum();
    // silver's retention has passed: what the sink once read is gone from Kafka
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(stack.kafkaProperties())) {
      Map<TopicPartition, org.apache.kafka.clients.admin.RecordsToDelete> all = new HashMap<>();
      endOffsets(topics.rates.name())
          .forEach(
              (tp, end) ->
                  all.put(tp, org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(end)));
      admin.deleteRecords(all).all().get();
    }
    rows("CREATE DATABASE rebuild");
    Map<String, String> rebuildEnv = new HashMap<>(env);
    rebuildEnv.put("MAKERATES_DATABASE_URL", stack.jdbcUrl().replace("/postgres", "/rebuild"));
    rebuildEnv.put("MAKERATES_CONSUMER_GROUP", "makerates-sink-rebuild");
    rebuildEnv.put("MAKERATES_GOLD_ENABLED", "false");
    try (AutoCloseable rebuildSink =
        SinkApp.start(
            new Settings(rebuildEnv), Observability.registry("sink-rebuild"), new HealthChecks())) {
      String output = replay(rebuildEnv, "--republish");
      assertThat(output).contains("silver rates published   50 (every pair, republished)");
      assertThat(checksum(output)).isEqualTo(checksumBefore);
    }
    // the old database and gold saw records they already had: nothing changed there
    settle();
    assertThat(Snapshot.take()).isEqualTo(before);
    // the new one holds every pair at its current revision, with that revision's lineage
    String rebuild = "/rebuild";
    assertThat(
            rows(
                rebuild,
                "SELECT concat_ws('|', date_key, base, quote, rate, status, derived, source_count, spread_bps, "
                    + "confidence_low, confidence_high, revision) FROM fact_rate ORDER BY 1"))
        .isEqualTo(before.facts());
    String currentLineage =
        "SELECT concat_ws('|', c.date_key, c.base, c.quote, c.revision, leg, source_id, extraction_id, "
            + "value, accepted, rejection_reason, bronze_topic, bronze_partition, bronze_offset) FROM fact_rate_contribution c "
            + "JOIN fact_rate f USING (date_key, base, quote, revision) ORDER BY 1";
    assertThat(rows(rebuild, currentLineage)).isEqualTo(rows(currentLineage));
    assertThat(rows(rebuild, "SELECT count(*) FROM fact_rate_revision")).containsExactly("50");
  }

  // ---- helpers ----

  private static Map<TopicPartition, Long> endOffsets(String topic) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            stack.kafkaProperties(),
            new org.apache.kafka.common.serialization.StringDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      return consumer.endOffsets(
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList());
    }
  }

  private static int replayMembers() throws Exception {
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(stack.kafkaProperties())) {
      return (int)
          admin
              .describeConsumerGroups(List.of("makerates-streams"))
              .all()
              .get()
              .get("makerates-streams")
              .members()
              .stream()
              .filter(m -> m.clientId().startsWith("makerates-replay"))
              .count();
    }
  }

  /** Everything a reader or a gold consumer can see. */
  record Snapshot(
      List<String> facts, List<String> history, List<String> lineage, Map<String, String> gold) {
    static Snapshot take() throws Exception {
      Map<String, String> gold = new TreeMap<>();
      readAll(
          topics.gold.name(),
          r ->
              gold.put(
                  r.key(),
                  r.value() == null
                      ? "deleted"
                      : topics
                          .gold
                          .valueSerde()
                          .deserializer()
                          .deserialize(r.topic(), r.value())
                          .toString()));
      return new Snapshot(
          rows(
              "SELECT concat_ws('|', date_key, base, quote, rate, status, derived, source_count, spread_bps, "
                  + "confidence_low, confidence_high, revision) FROM fact_rate ORDER BY 1"),
          rows(
              "SELECT concat_ws('|', date_key, base, quote, revision, rate, status, derived, source_count, spread_bps, "
                  + "recorded_at) FROM fact_rate_revision ORDER BY 1"),
          rows(
              "SELECT concat_ws('|', date_key, base, quote, revision, leg, source_id, extraction_id, value, accepted, "
                  + "rejection_reason, bronze_topic, bronze_partition, bronze_offset) FROM fact_rate_contribution ORDER BY 1"),
          gold);
    }
  }

  private static String replay(String... args) {
    return replay(Map.of(), args);
  }

  private static String replay(Map<String, String> extra, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Map<String, String> withExtra = new HashMap<>(env);
    withExtra.putAll(extra);
    int code =
        new CommandLine(
                new ReplayCommand(
                    () -> withExtra, new PrintStream(bytes, true, StandardCharsets.UTF_8)))
            .execute(args);
    String output = bytes.toString(StandardCharsets.UTF_8);
    System.out.println(output);
    assertThat(code).as(output).isZero();
    return output;
  }

  private static String checksum(String output) {
    Matcher m = CHECKSUM.matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group(1);
  }

  private static Map<String, String> byKey(List<String> facts) {
    Map<String, String> map = new TreeMap<>();
    facts.forEach(
        f -> {
          String[] p = f.split("\\|");
          map.put(p[0] + "|" + p[1] + "|" + p[2], f);
        });
    return map;
  }

  private static int revision(String fact) {
    return Integer.parseInt(fact.substring(fact.lastIndexOf('|') + 1));
  }

  private static String withRevision(String fact, int revision) {
    return fact.substring(0, fact.lastIndexOf('|') + 1) + revision;
  }

  private static Map<String, String> latest() throws Exception {
    Map<String, String> map = new TreeMap<>();
    for (String row :
        rows(
            "SELECT base || '/' || quote || '|' || rate_date || '|' || rate || '|' || status || '|' "
                + "|| revision FROM latest_rate")) {
      map.put(row.substring(0, row.indexOf('|')), row);
    }
    return map;
  }

  private static Instant at(LocalDate day, int hour, int minute) {
    return day.atTime(hour, 0).plusMinutes(minute).toInstant(ZoneOffset.UTC);
  }

  private static void publish(List<BronzeExtraction> records) throws Exception {
    try (KafkaProducer<String, BronzeExtraction> producer =
        new KafkaProducer<>(
            stack.kafkaProperties(),
            topics.bronze.keySerde().serializer(),
            topics.bronze.valueSerde().serializer())) {
      for (BronzeExtraction b : records) {
        producer
            .send(
                new ProducerRecord<>(
                    topics.bronze.name(),
                    null,
                    b.getExtractedAt().toEpochMilli(),
                    b.getSourceId(),
                    b))
            .get();
      }
    }
  }

  /** Waits until the sink has nothing left to store and gold has been quiet for 3 s. */
  private static void settle() throws Exception {
    String[] last = {""};
    long[] since = {System.nanoTime()};
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              String now =
                  count(topics.gold.name())
                      + "/"
                      + rows("SELECT count(*) FROM fact_rate_revision")
                      + "/"
                      + rows("SELECT coalesce(sum(next_offset), 0) FROM sink_offset");
              if (!now.equals(last[0])) {
                last[0] = now;
                since[0] = System.nanoTime();
              }
              return System.nanoTime() - since[0] > Duration.ofSeconds(3).toNanos();
            });
  }

  private interface RecordVisitor {
    void visit(ConsumerRecord<String, byte[]> record);
  }

  private static long count(String topic) {
    long[] n = {0};
    readAll(topic, r -> n[0]++);
    return n[0];
  }

  private static void readAll(String topic, RecordVisitor visitor) {
    Properties p = stack.kafkaProperties();
    p.put("isolation.level", "read_committed");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            p,
            new org.apache.kafka.common.serialization.StringDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      List<TopicPartition> tps =
          consumer.partitionsFor(topic).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps);
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(visitor::visit);
      }
    }
  }

  /** The checksum the replay prints, computed on the star schema as it is now. */
  private static String factChecksum() throws Exception {
    try (Connection c =
        DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword())) {
      return io.makerates.streams.replay.FactChecksum.of(c).md5();
    }
  }

  private static List<String> rows(String query) throws Exception {
    return rows("/postgres", query);
  }

  /**
   * The rows of a query's first column in one database of the stack's PostgreSQL; none for a
   * statement.
   */
  private static List<String> rows(String database, String query) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(
                stack.jdbcUrl().replace("/postgres", database),
                stack.dbUser(),
                stack.dbPassword());
        java.sql.Statement statement = c.createStatement()) {
      if (statement.execute(query)) {
        try (ResultSet rs = statement.getResultSet()) {
          while (rs.next()) {
            rows.add(rs.getString(1));
          }
        }
      }
    }
    return rows;
  }
}
