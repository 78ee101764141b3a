package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.Topics;
import io.makerates.runtime.trace.ExtractionTrace;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.GoldRate;
import io.makerates.schema.HttpResponseRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The operator's commands and metrics on one local stack run as {@code up} runs it, with two
 * independent sources (the first with a quota, an API key and a failover to the second), so that
 * every per-source meter exists.
 */
@Tag("integration")
class OperatorCommandsTest {

  private static final String TAMPERED_TOPIC = "audit-test.tampered";

  @TempDir static Path data;
  private static Path stackDir;
  private static UpCommand.Running up;

  /**
   * Log lines of the three apps (they run in this JVM) that carried an extraction id: logger,
   * message, id.
   */
  private record Line(String logger, String message, String extractionId) {}

  private static final java.util.Queue<Line> LINES =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private static final ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent>
      WITH_IDS =
          new ch.qos.logback.core.AppenderBase<>() {
            @Override
            protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
              String id =
                  event
                      .getMDCPropertyMap()
                      .get(ExtractionTrace.MDC_KEY); // read on the logging thread
              if (id != null) {
                LINES.add(new Line(event.getLoggerName(), event.getFormattedMessage(), id));
              }
            }
          };

  /** Every log line of the run, the stack's start included, with its stack trace if any. */
  private static final java.util.Queue<String> ALL_LINES =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private static final ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent>
      EVERY_LINE =
          new ch.qos.logback.core.AppenderBase<>() {
            @Override
            protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
              ALL_LINES.add(
                  event.getFormattedMessage()
                      + " "
                      + event.getMDCPropertyMap()
                      + (event.getThrowableProxy() == null
                          ? ""
                          : " "
                              + ch.qos.logback.classic.spi.ThrowableProxyUtil.asString(
                                  event.getThrowableProxy())));
            }
          };

  @BeforeAll
  static void start() throws Exception {
    WITH_IDS.start();
    EVERY_LINE.start();
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .addAppender(WITH_IDS);
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .addAppender(EVERY_LINE);
    Path key = Files.writeString(data.resolve("alpha.key"), "test-key-alpha\n");
    Map<String, String> shell =
        Map.of(
            "MAKERATES_SOURCES",
            "alpha,beta",
            "MAKERATES_SOURCE_ALPHA_TYPE",
            "frankfurter",
            "MAKERATES_SOURCE_BETA_TYPE",
            "frankfurter",
            "MAKERATES_SOURCE_ALPHA_QUOTA",
            "1000/day",
            "MAKERATES_SOURCE_ALPHA_API_KEY_FILE",
            key.toString(),
            "MAKERATES_SOURCE_ALPHA_FAILOVER",
            "beta",
            "MAKERATES_INDEPENDENCE_GROUPS",
            "alpha=A,beta=B");
    stackDir = data.resolve("stack");
    up = UpCommand.start(stackDir, false, true, "6h", shell, Optional.empty(), r -> {});
  }

  @AfterAll
  static void stop() {
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .detachAppender(WITH_IDS);
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .detachAppender(EVERY_LINE);
    if (up != null) {
      up.close();
    }
  }

  /**
   * {@code audit}: a consensus of the two sources verifies voice by voice down to the raw bytes, as
   * text and as JSON; when one voice's lineage is pointed at a copy of its bronze record with an
   * altered body, the audit fails and says which voice and why.
   */
  @Test
  void auditVerifiesEveryVoiceUntilABronzeBodyIsAltered() throws Exception {
    LocalDate day = up.stub().market("frankfurter").latest();
    String usd = usd(day);
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> status(up, day), s -> "CONSENSUS".equals(s));

    Result text = audit(stackDir, day.toString(), "EUR/USD");
    assertThat(text.code()).as(text.out() + text.err()).isZero();
    assertThat(text.out())
        .contains(
            "EUR/USD on " + day,
            "fact row     " + usd + " CONSENSUS, 2 source(s)",
            "alpha (group A) EUR/USD " + usd + " accepted",
            "beta (group B) EUR/USD " + usd + " accepted",
            "arithmetic EUR→USD = " + usd + " as sent by the source (base EUR)",
            "verified: all 2 voice(s) match their raw answers")
        // the second source's answer made the consensus: the revision says so
        .containsPattern(
            "\\n {7}status SINGLE_SOURCE → CONSENSUS\\n {7}\\+ (alpha|beta) \\(group [AB]\\)"
                + " EUR/USD "
                + usd.replace(".", "\\.")
                + " accepted\\n");

    int revision = revision(up, day);
    Result json =
        audit(
            stackDir, day.toString(), "eur/usd", "--json", "--revision", String.valueOf(revision));
    assertThat(json.code()).isZero();
    JsonNode report = new ObjectMapper().readTree(json.out());
    assertThat(report.get("verified").asBoolean()).isTrue();
    assertThat(report.get("revisions").get(0).get("changes")).isEmpty();
    assertThat(report.get("revisions"))
        .anySatisfy(
            r ->
                assertThat(r.get("changes"))
                    .extracting(c -> c.get("kind").asText() + " " + c.get("to").asText())
                    .contains("STATUS CONSENSUS", "VOICE_ADDED " + usd + ""));
    assertThat(report.get("auditedRevision").asInt()).isEqualTo(revision);
    assertThat(report.get("voices"))
        .hasSize(2)
        .allSatisfy(
            v -> {
              assertThat(v.get("value").asText()).isEqualTo(usd);
              assertThat(v.get("checks"))
                  .extracting(c -> c.get("ok").asBoolean())
                  .containsOnly(true);
            });

    tamperWithAlphasBronze(up, day, revision);

    Result failed = audit(stackDir, day.toString(), "EUR/USD");
    assertThat(failed.code()).isEqualTo(1);
    assertThat(failed.out())
        .contains(
            "FAIL sha256",
            "the raw answer was altered after it was received",
            "NOT VERIFIED: 1 of 2 voice(s) do not match their raw answers (alpha EUR/USD)");

    Result asOfNow =
        audit(
            stackDir,
            day.toString(),
            "EUR/USD",
            "--as-of",
            java.time.OffsetDateTime.now().toString(),
            "--json");
    assertThat(new ObjectMapper().readTree(asOfNow.out()).get("auditedRevision").asInt())
        .isEqualTo(revision);
    Result tooEarly = audit(stackDir, day.toString(), "EUR/USD", "--as-of", "2000-01-01T00:00:00Z");
    assertThat(tooEarly.code()).isEqualTo(2);
    assertThat(tooEarly.err()).contains("was not yet known at 2000-01-01T00:00:00Z");

    Result missing = audit(stackDir, day.toString(), "EUR/USD", "--revision", "9");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("has no revision 9");
  }

  /**
   * {@code status}: the addresses with the database login, each app ready with its lag, and every
   * source with its last extraction, newest answer date, attempts and failures today, rejections,
   * quota and breaker.
   */
  @Test
  void statusListsEverySourceWithItsStateAndEveryAppWithItsLag() throws Exception {
    LocalDate day = up.stub().market("frankfurter").latest();
    String usd = usd(day);
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> status(up, day), s -> "CONSENSUS".equals(s));

    String shown =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> {
                  Result r =
                      run(
                          (out, err) -> new StatusCommand(out, err, java.time.Clock.systemUTC()),
                          "--data-dir",
                          stackDir.toString());
                  return r.code() == 0 ? r.out() : r.err();
                },
                // each app's lag shows once its consumer has fetched: both, not the first of them
                text ->
                    java.util.regex.Pattern.compile("streams-app +ready +lag 0 ")
                            .matcher(text)
                            .find()
                        && java.util.regex.Pattern.compile("sink-app +ready +lag 0 ")
                            .matcher(text)
                            .find());

    assertThat(shown)
        .contains(
            "postgresql   "
                + up.stack().jdbcUrl()
                + "  user "
                + up.stack().dbUser()
                + "  password "
                + up.stack().dbPassword(),
            "kafka        " + up.stack().bootstrapServers());
    assertThat(shown).containsPattern("streams-app +ready +lag 0 ");
    for (String source : List.of("alpha", "beta")) {
      String block =
          shown.substring(
              shown.indexOf(
                  "  "
                      + source
                      + " (frankfurter, group "
                      + source.substring(0, 1).toUpperCase()
                      + ")"));
      assertThat(block)
          .containsPattern(
              "last extraction +" + LocalDate.now(java.time.ZoneOffset.UTC) + "T[0-9:.]+Z \\(ok\\)")
          .containsPattern("last answer date +" + day)
          .containsPattern("today \\(UTC\\) +[1-9][0-9]* attempts, 0 failed")
          .containsPattern("rejections +none")
          .containsPattern("breaker +closed");
    }
    assertThat(shown.substring(shown.indexOf("  alpha (")))
        .containsPattern("quota +[1-9][0-9]* of 1000 per day used, [0-9]+ left");
    assertThat(shown.substring(shown.indexOf("  beta ("))).containsPattern("quota +none");
  }

  /**
   * {@code rates}, {@code gold} and {@code quota} print what readers, consumers and the ledger
   * hold.
   */
  @Test
  void ratesGoldAndQuotaPrintWhatIsStored() throws Exception {
    LocalDate day = up.stub().market("frankfurter").latest();
    String usd = usd(day);
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> status(up, day), s -> "CONSENSUS".equals(s));

    Result rates =
        run((out, err) -> new RatesCommand(Map::of, out, err), "--data-dir", stackDir.toString());
    assertThat(rates.code()).as(rates.err()).isZero();
    assertThat(rates.out())
        .startsWith("EUR rates on " + day + ": ")
        .containsPattern(
            "\\nUSD +" + usd.replace(".", "\\.") + " +CONSENSUS +2 +0\\.00 +[0-9]+\\n");
    Result noBase =
        run(
            (out, err) -> new RatesCommand(Map::of, out, err),
            "--data-dir",
            stackDir.toString(),
            "--base",
            "XAU");
    assertThat(noBase.code()).isEqualTo(2);
    assertThat(noBase.err()).startsWith("No XAU rates are stored yet");

    String gold =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    run(
                            (out, err) -> new GoldCommand(Map::of, out, err),
                            "--data-dir",
                            stackDir.toString(),
                            "--pair",
                            "eur/usd")
                        .out(),
                text -> text.contains("status=CONSENSUS"));
    assertThat(gold)
        .containsPattern(
            "EUR/USD +p[0-9]+@[0-9]+ +date="
                + day
                + " rate="
                + usd
                + " status=CONSENSUS sources=2"
                + " spreadBps=0.00 revision=[0-9]+ derived=false flags=\\[] updatedAt="
                + LocalDate.now(java.time.ZoneOffset.UTC)
                + "T");
    assertThat(gold).doesNotContain("EUR/JPY");

    Result quota =
        run(
            (out, err) -> new QuotaCommand(Map::of, out, err, java.time.Clock.systemUTC()),
            "--data-dir",
            stackDir.toString());
    assertThat(quota.code()).as(quota.err()).isZero();
    assertThat(quota.out())
        .containsPattern(
            "alpha +day +DAY:"
                + LocalDate.now(java.time.ZoneOffset.UTC)
                + " \\(now\\) +([1-9][0-9]*) +1000 +")
        .containsPattern("beta +none +not limited by a quota");
  }

  /**
   * The consumer configuration the README gives downstream developers works as written: only the
   * addresses are replaced, and the gold record of EUR/USD arrives as a GoldRate with its logical
   * types as Java dates and instants.
   */
  @Test
  void theReadmesGoldConsumerConfigurationReadsGold() throws Exception {
    LocalDate day = up.stub().market("frankfurter").latest();
    String usd = usd(day);
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> status(up, day), s -> "CONSENSUS".equals(s));
    String readme = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
    int intro = readme.indexOf("A Java consumer with Apicurio's deserializer");
    assertThat(intro).as("the README's consumer example").isPositive();
    int start = readme.indexOf("```properties\n", intro) + "```properties\n".length();
    Properties config = new Properties();
    config.load(new java.io.StringReader(readme.substring(start, readme.indexOf("```", start))));
    assertThat(config)
        .containsKeys("bootstrap.servers", "apicurio.registry.url", "value.deserializer");
    config.put("bootstrap.servers", up.stack().bootstrapServers());
    config.put("apicurio.registry.url", up.stack().registryUrl());
    config.put("group.id", "readme-consumer-" + System.nanoTime());

    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of("fx.gold.rates.v1"));
      GoldRate gold =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> {
                    GoldRate found = null;
                    for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(500))) {
                      if ("EUR/USD".equals(r.key())
                          && r.value() instanceof GoldRate g
                          && "CONSENSUS".equals(g.getStatus())) {
                        found = g;
                      }
                    }
                    return found;
                  },
                  g -> g != null);
      assertThat(gold.getDate()).isEqualTo(day);
      assertThat(new java.math.BigDecimal(gold.getRate())).isEqualByComparingTo(usd);
      assertThat(gold.getUpdatedAt())
          .isBetween(
              java.time.Instant.now().minus(Duration.ofMinutes(10)), java.time.Instant.now());
    }
  }

  /**
   * One id through the stages: every bronze record carries its extraction id and a W3C trace
   * context rooted at it as headers, the extractor's log line of the attempt has it in its logging
   * context, the silver rates carry the headers of the extraction that made them, and the sink's
   * log line and rejection of a silver record carry the record's id.
   */
  @Test
  void theExtractionIdGoesThroughEveryStageAndItsLogLines() throws Exception {
    LocalDate day = up.stub().market("frankfurter").latest();
    String usd = usd(day);
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> status(up, day), s -> "CONSENSUS".equals(s));
    Topics topics = new Topics(new AvroSerdes(up.stack().registryUrl()));

    List<ConsumerRecord<String, BronzeExtraction>> bronze =
        TestTopics.readAll(up.stack(), topics.bronze);
    assertThat(bronze)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              String id = r.value().getExtractionId().toString();
              assertThat(ExtractionTrace.extractionId(r.headers())).contains(id);
              assertThat(
                      new String(
                          r.headers().lastHeader(ExtractionTrace.TRACEPARENT).value(),
                          StandardCharsets.UTF_8))
                  .matches("00-" + id.replace("-", "") + "-[0-9a-f]{16}-01");
            });
    Set<String> ids =
        bronze.stream()
            .map(r -> r.value().getExtractionId().toString())
            .collect(java.util.stream.Collectors.toSet());
    assertThat(LINES)
        .filteredOn(
            l -> l.logger().endsWith("SourceExtractor") && l.message().startsWith("extraction "))
        .isNotEmpty()
        .allSatisfy(
            l -> assertThat(l.message()).startsWith("extraction " + l.extractionId() + " from "));

    assertThat(TestTopics.readAll(up.stack(), topics.rates))
        .filteredOn(r -> r.key().endsWith("/EUR/USD"))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(ExtractionTrace.extractionId(r.headers())).get().isIn(ids));

    // a silver record the sink cannot store (an unknown currency), with the headers of one
    // extraction of alpha
    ConsumerRecord<String, BronzeExtraction> origin = bronze.get(0);
    io.makerates.schema.ConsensusRate unknown =
        TestTopics.readAll(up.stack(), topics.rates).get(0).value();
    unknown = io.makerates.schema.ConsensusRate.newBuilder(unknown).setQuote("QQQ").build();
    try (KafkaProducer<String, io.makerates.schema.ConsensusRate> producer =
        new KafkaProducer<>(
            up.stack().kafkaProperties(),
            new StringSerializer(),
            topics.rates.valueSerde().serializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  topics.rates.name(), null, day + "/EUR/QQQ", unknown, origin.headers()))
          .get();
    }
    String originId = origin.value().getExtractionId().toString();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(LINES)
                    .anySatisfy(
                        l -> {
                          assertThat(l.logger()).endsWith("SilverRateWriter");
                          assertThat(l.message()).contains("rejected: UNKNOWN_CURRENCY");
                          assertThat(l.extractionId()).isEqualTo(originId);
                        }));
    assertThat(TestTopics.readAll(up.stack(), topics.rejected))
        .filteredOn(r -> (day + "/EUR/QQQ").equals(r.key()))
        .singleElement()
        .satisfies(r -> assertThat(ExtractionTrace.extractionId(r.headers())).contains(originId));
  }

  /**
   * No log line of the run holds the database password: not the stack's start line, not the apps'
   * configuration, not a stack trace.
   */
  @Test
  void noLogLineHoldsTheDatabasePassword() throws Exception {
    LocalDate day = up.stub().market("frankfurter").latest();
    String usd = usd(day);
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> status(up, day), s -> "CONSENSUS".equals(s));
    String password = up.stack().dbPassword();
    assertThat(ALL_LINES)
        .anyMatch(line -> line.startsWith("embedded stack ready"))
        .anyMatch(line -> line.startsWith("sink-app started"))
        .noneMatch(line -> line.contains(password));
  }

  /**
   * Every metric the README's metric table names, and every one the Grafana dashboard and the alert
   * rules query, is on a running app's /metrics shortly after its start (not only after its first
   * record of a kind, or a minute's rescan): a renamed or dropped metric fails here, not on an
   * operator's empty panel or a silent alert.
   */
  @Test
  void everyMetricTheReadmeTheDashboardAndTheAlertsNameIsExported() throws Exception {
    await().atMost(Duration.ofSeconds(90)).until(up.pipeline()::ready);
    Path root = Path.of("").toAbsolutePath().getParent();
    Set<String> documented = MetricNames.inReadme(root.resolve("README.md"));
    Set<String> queried = new TreeSet<>();
    try (var dashboards = Files.list(root.resolve("ops/grafana/dashboards"))) {
      for (Path dashboard : dashboards.toList()) {
        queried.addAll(MetricNames.in(Files.readString(dashboard)));
      }
    }
    queried.addAll(MetricNames.in(Files.readString(root.resolve("ops/prometheus/alerts.yml"))));
    assertThat(documented).hasSizeGreaterThan(15);
    assertThat(queried).hasSizeGreaterThan(15);

    Set<String> wanted = new TreeSet<>(documented);
    wanted.addAll(queried);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Set<String> exported = new TreeSet<>();
              for (LocalPipeline.RunningApp app : up.pipeline().apps()) {
                exported.addAll(MetricNames.exported(scrape(app.ops().port())));
              }
              assertThat(wanted)
                  .allSatisfy(
                      name ->
                          assertThat(MetricNames.isExported(name, exported))
                              .as(name + " is named by README.md or ops/ but no app exports it")
                              .isTrue());
            });

    // beta has no quota, no API key and no failover chain: its series exist all the same, at zero
    LocalPipeline.RunningApp extractor =
        up.pipeline().apps().stream()
            .filter(a -> a.name().equals("extractor-app"))
            .findFirst()
            .orElseThrow();
    String scrape = scrape(extractor.ops().port());
    assertThat(series(scrape, "makerates_extractor_quota_used", "source=\"beta\""))
        .containsExactly("0.0");
    assertThat(
            series(scrape, "makerates_extractor_quota_limit", "source=\"beta\"", "period=\"none\""))
        .containsExactly("0.0");
    assertThat(series(scrape, "makerates_extractor_previous_key_used_total", "source=\"beta\""))
        .containsExactly("0.0");
    assertThat(
            series(
                scrape,
                "makerates_extractor_failovers_total",
                "from=\"beta\"",
                "to=\"none\"",
                "reason=\"quota_spent\""))
        .containsExactly("0.0");
    assertThat(
            series(
                scrape,
                "makerates_extractor_failovers_total",
                "from=\"alpha\"",
                "to=\"beta\"",
                "reason=\"quota_spent\""))
        .containsExactly("0.0");
  }

  /** The values of a metric's series whose labels include all of {@code labels}. */
  private static List<String> series(String scrape, String name, String... labels) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(name + "{"))
        .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
        .map(l -> l.substring(l.lastIndexOf(' ') + 1))
        .toList();
  }

  private static String scrape(int port) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  /**
   * Copies alpha's bronze record to another topic with one figure changed, and points its voice's
   * lineage there.
   */
  private static void tamperWithAlphasBronze(UpCommand.Running up, LocalDate day, int revision)
      throws Exception {
    String usd = usd(day);
    Topics topics = new Topics(new AvroSerdes(up.stack().registryUrl()));
    long offset;
    int index;
    try (Connection db = connect(up);
        PreparedStatement ps =
            db.prepareStatement(
                "SELECT array_position(h.lineage_source_id, 'alpha'), h.lineage_bronze_partition, h.lineage_bronze_offset"
                    + " FROM fact_rate_revision h JOIN dim_date d ON d.date_key = h.date_key"
                    + " WHERE d.date = ? AND h.base = 'EUR' AND h.quote = 'USD' AND h.revision = ?")) {
      ps.setObject(1, day);
      ps.setInt(2, revision);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        index = rs.getInt(1);
        offset = ((Long[]) rs.getArray(3).getArray())[index - 1];
      }
    }
    long original = offset;
    ConsumerRecord<String, BronzeExtraction> record =
        TestTopics.readAll(up.stack(), topics.bronze).stream()
            .filter(r -> r.offset() == original && r.value().getSourceId().equals("alpha"))
            .findFirst()
            .orElseThrow();
    HttpResponseRecord response = record.value().getResponse();
    ByteBuffer copy = response.getBody().duplicate();
    byte[] body = new byte[copy.remaining()];
    copy.get(body);
    byte[] altered =
        new String(body, StandardCharsets.UTF_8)
            .replace(
                usd,
                new java.math.BigDecimal(usd)
                    .add(new java.math.BigDecimal("0.001"))
                    .toPlainString())
            .getBytes(StandardCharsets.UTF_8);
    BronzeExtraction tampered =
        BronzeExtraction.newBuilder(record.value())
            .setResponse(
                HttpResponseRecord.newBuilder(response).setBody(ByteBuffer.wrap(altered)).build())
            .build();
    try (Admin admin = Admin.create(up.stack().kafkaProperties())) {
      admin.createTopics(List.of(new NewTopic(TAMPERED_TOPIC, 1, (short) 1))).all().get();
    }
    try (KafkaProducer<String, BronzeExtraction> producer =
        new KafkaProducer<>(
            up.stack().kafkaProperties(),
            new StringSerializer(),
            topics.bronze.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(TAMPERED_TOPIC, 0, record.key(), tampered)).get();
    }
    int pointed = 0;
    // the revision is the current one (its fact row) or a superseded one (the history)
    for (String table : List.of("fact_rate", "fact_rate_history")) {
      try (Connection db = connect(up);
          Statement expand = db.createStatement();
          PreparedStatement ps =
              db.prepareStatement(
                  "UPDATE "
                      + table
                      + " h SET lineage_bronze_topic["
                      + index
                      + "] = ?, lineage_bronze_partition["
                      + index
                      + "] = 0, lineage_bronze_offset["
                      + index
                      + "] = 0 FROM dim_date d"
                      + " WHERE d.date_key = h.date_key AND d.date = ? AND h.base = 'EUR' AND h.quote = 'USD' AND h.revision = ?")) {
        // coordinates stored once for every voice (V15) or in dim_extraction (V16) are written
        // out per voice on the row first
        expand.executeUpdate(
            "UPDATE "
                + table
                + " t SET lineage_source_id = r.lineage_source_id,"
                + " lineage_bronze_topic = r.lineage_bronze_topic,"
                + " lineage_bronze_partition = r.lineage_bronze_partition,"
                + " lineage_bronze_offset = r.lineage_bronze_offset, lineage_topic = NULL"
                + " FROM fact_rate_revision r WHERE (r.date_key, r.base, r.quote, r.revision)"
                + " = (t.date_key, t.base, t.quote, t.revision)");
        ps.setString(1, TAMPERED_TOPIC);
        ps.setObject(2, day);
        ps.setInt(3, revision);
        pointed += ps.executeUpdate();
      }
    }
    assertThat(pointed).isEqualTo(1);
  }

  private static String status(UpCommand.Running up, LocalDate day) throws Exception {
    try (Connection db = connect(up);
        PreparedStatement ps =
            db.prepareStatement(
                "SELECT status FROM v_rates WHERE rate_date = ? AND base = 'EUR' AND quote = 'USD'")) {
      ps.setObject(1, day);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static int revision(UpCommand.Running up, LocalDate day) throws Exception {
    try (Connection db = connect(up);
        PreparedStatement ps =
            db.prepareStatement(
                "SELECT revision FROM v_rates WHERE rate_date = ? AND base = 'EUR' AND quote = 'USD'")) {
      ps.setObject(1, day);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static Connection connect(UpCommand.Running up) throws Exception {
    return DriverManager.getConnection(
        up.stack().jdbcUrl(), up.stack().dbUser(), up.stack().dbPassword());
  }

  private record Result(int code, String out, String err) {}

  private static Result audit(Path stackDir, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data-dir";
    all[args.length + 1] = stackDir.toString();
    return run((out, err) -> new AuditCommand(Map::of, out, err), all);
  }

  /** A command made with the streams it prints to. */
  private interface Printing {
    Object command(PrintStream out, PrintStream err);
  }

  private static Result run(Printing printing, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new CommandLine(
                printing.command(
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)))
            .execute(args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The USD rate the stub's Frankfurter answer gives on {@code day}, as the answer writes it. */
  private static String usd(LocalDate day) throws Exception {
    byte[] body =
        up.stub()
            .answer(
                "frankfurter",
                new io.makerates.sources.OfflineRequest("/v1/" + day, Map.of("base", "EUR"), null))
            .body();
    return io.makerates.sources.SourceTypes.type("frankfurter")
        .orElseThrow()
        .parser()
        .parse(body)
        .getFirst()
        .rawRates()
        .get("USD");
  }
}
