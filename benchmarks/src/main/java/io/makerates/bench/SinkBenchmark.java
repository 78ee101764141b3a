package io.makerates.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicLayout;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.kafka.TopicProvisioner;
import io.makerates.runtime.ops.BuildInfo;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.runtime.ops.Observability;
import io.makerates.schema.ConsensusRate;
import io.makerates.sink.SinkApp;
import io.makerates.sink.SinkParts;
import io.makerates.stack.EmbeddedStack;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The sink's throughput next to the ceiling of the same PostgreSQL, in one run on the embedded
 * stack: N silver rates are produced to fx.silver.rates.v1 (not timed), the sink stores them into a
 * fresh database (timed from start until its stored offsets reach the end of the topic), and then
 * the same rows go, without Kafka, through COPY into a temporary table and one upsert per batch
 * into a fresh fact_rate (the ceiling). Between the two it times the sink's parts alone (Kafka
 * fetch, Avro decoding with the record check, the sink's SQL), to show where the time goes.
 */
@Command(
    name = "benchmark-sink",
    mixinStandardHelpOptions = true,
    description =
        "Measures the sink's rows/s against the COPY-and-upsert ceiling of the same PostgreSQL.")
public final class SinkBenchmark implements Callable<Integer> {

  private static final String SINK_GROUP = "makerates-sink"; // SinkConfig's default consumer group
  private static final Duration STALL = Duration.ofMinutes(3);

  @Option(
      names = "--records",
      defaultValue = "1000000",
      description = "silver records to produce and store (default ${DEFAULT-VALUE})")
  long records;

  @Option(
      names = "--batch-size",
      defaultValue = "5000",
      description =
          "rows per transaction for the sink's SQL alone and the ceiling; the sink's max.poll.records (default ${DEFAULT-VALUE})")
  int batchSize;

  @Option(
      names = "--writers",
      defaultValue = "2",
      description =
          "the sink's MAKERATES_SINK_WRITERS: transactions written side by side (default ${DEFAULT-VALUE}, the sink's own)")
  int writers;

  @Option(
      names = "--results",
      defaultValue = "benchmarks/results",
      description = "folder for the JSON result (default ${DEFAULT-VALUE})")
  Path resultsDir;

  private final Map<String, Object> result = new LinkedHashMap<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new SinkBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (records < 1 || batchSize < 1 || writers < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--records, --batch-size and --writers must be positive");
    }
    Instant startedAt = Instant.now();
    result.put("benchmark", "sink");
    result.put("started_at", startedAt.toString());
    result.put("records", records);
    result.put("batch_size", batchSize);
    result.put("sink_writers", writers);
    say("starting the embedded stack (Kafka, registry, PostgreSQL)...");
    AtomicReference<EmbeddedStack> running = new AtomicReference<>();
    Thread hook =
        new Thread(
            () -> {
              EmbeddedStack s = running.getAndSet(null);
              if (s != null) {
                s.close(); // interrupted: still stop the broker, registry and PostgreSQL
              }
            },
            "benchmark-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    EmbeddedStack stack = EmbeddedStack.builder().all().start();
    running.set(stack);
    try {
      for (String db : List.of("bench_sink", "bench_store", "bench_ceiling")) {
        createDatabase(stack, db);
      }
      machineFacts(stack);
      long total = produce(stack);
      runSink(stack, total);
      runSinkParts(stack, total);
      runStoreAlone(stack);
      runCeiling(stack, "bench_ceiling", "ceiling");
    } finally {
      if (running.getAndSet(null) != null) {
        say("stopping the embedded stack...");
        stack.close();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down
      }
    }
    result.put(
        "sink_percent_of_ceiling",
        round(100.0 * num("sink_rows_per_s") / num("ceiling_rows_per_s"), 1));
    printTable();
    writeJson(startedAt);
    return 0;
  }

  // --- 1. produce (not timed for the result) ---

  private long produce(EmbeddedStack stack) throws Exception {
    Settings settings = new Settings(stack.env());
    TopicLayout layout = TopicLayout.from(settings);
    TopicProvisioner.ensure(
        stack.kafkaProperties(),
        TopicProvisioner.contractTopics(layout.partitions(), layout.replication()));
    result.put("partitions", layout.partitions());
    Properties props = stack.kafkaProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    AtomicReference<Exception> failure = new AtomicReference<>();
    Progress progress = new Progress("producing", records);
    long started = System.nanoTime();
    AvroSerdes serdes = new AvroSerdes(stack.registryUrl());
    try (KafkaProducer<String, ConsensusRate> producer =
        new KafkaProducer<>(
            props, new StringSerializer(), serdes.<ConsensusRate>valueSerde().serializer())) {
      long[] sent = {0};
      SilverRecords.forEach(
          records,
          rate -> {
            producer.send(
                new ProducerRecord<>(TopicNames.RATES, SilverRecords.key(rate), rate),
                (metadata, e) -> {
                  if (e != null) {
                    failure.compareAndSet(null, e);
                  }
                });
            progress.report(++sent[0]);
          });
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing silver records failed", failure.get());
    }
    long total = endOffsets(stack);
    double seconds = seconds(System.nanoTime() - started);
    say(
        "produced %,d records to %s in %.1f s (%,d partitions); average value %,d bytes",
        total,
        TopicNames.RATES,
        seconds,
        layout.partitions(),
        topicBytes(stack) / Math.max(1, total));
    result.put("produce_seconds", round(seconds, 2));
    if (total != records) {
      throw new IllegalStateException(
          "the topic holds " + total + " records, " + records + " were sent");
    }
    return total;
  }

  // --- 2. the sink, end to end ---

  private void runSink(EmbeddedStack stack, long total) throws Exception {
    say(
        "sink: starting SinkApp (gold publisher off) on a fresh database and waiting for %,d records...",
        total);
    Settings settings =
        new Settings(stack.env())
            .with(
                Map.of(
                    "MAKERATES_DATABASE_URL", jdbcUrl(stack, "bench_sink"),
                    "MAKERATES_GOLD_ENABLED", "false",
                    "MAKERATES_SINK_WRITERS", Integer.toString(writers)));
    PrometheusMeterRegistry metrics = Observability.registry("sink-benchmark");
    HealthChecks health = new HealthChecks();
    Progress progress = new Progress("storing", total);
    try (Connection watch = connect(stack, "bench_sink")) {
      long started = System.nanoTime();
      long readyAt = 0;
      long done;
      AutoCloseable sink = SinkApp.start(settings, metrics, health);
      try {
        long stored = -1;
        long lastChange = System.nanoTime();
        while (true) {
          long now = System.nanoTime();
          if (readyAt == 0 && health.ready()) {
            readyAt = now;
          }
          long s = storedOffsets(watch);
          if (s != stored) {
            stored = s;
            lastChange = now;
            progress.report(stored);
          }
          if (stored >= total) {
            done = now;
            break;
          }
          if (now - lastChange > STALL.toNanos()) {
            throw new IllegalStateException(
                "the sink stored nothing for " + STALL + " (at " + stored + " of " + total + ")");
          }
          Thread.sleep(100);
        }
      } finally {
        sink.close();
      }
      double seconds = seconds(done - started);
      long facts = count(watch, "fact_rate");
      result.put("sink_seconds", round(seconds, 2));
      result.put("sink_startup_seconds", round(seconds(readyAt - started), 2));
      result.put("sink_rows_per_s", Math.round(facts / seconds));
      result.put("sink_records_per_s", Math.round(total / seconds));
      result.put("sink_steady_records_per_s", Math.round(total / seconds(done - readyAt)));
      result.put("sink_fact_rows", facts);
      result.put("sink_history_rows", count(watch, "fact_rate_history"));
      result.put("sink_revision_rows", count(watch, "fact_rate_revision"));
      result.put("sink_contribution_rows", count(watch, "fact_rate_contribution"));
      result.put("sink_latest_rows", count(watch, "latest_rate"));
      Timer batches = metrics.find("makerates.sink.batch").timer();
      if (batches != null) {
        result.put("sink_batches", batches.count());
        result.put(
            "sink_mean_batch_records", Math.round((double) total / Math.max(1, batches.count())));
        result.put(
            "sink_batch_write_seconds",
            round(batches.totalTime(TimeUnit.MILLISECONDS) / 1000.0, 2));
      }
      Counter rejectedCounter =
          metrics.find("makerates.sink.records").tag("outcome", "rejected").counter();
      double rejected = rejectedCounter == null ? 0 : rejectedCounter.count();
      result.put("sink_rejected", (long) rejected);
      say(
          "sink: %,d records in %.1f s = %,d fact rows/s (%,d rejected)",
          total, seconds, num("sink_rows_per_s"), (long) rejected);
      if (facts != total || rejected > 0) {
        throw new IllegalStateException(
            "the sink stored " + facts + " fact rows for " + total + " records");
      }
    }
  }

  // --- 3. the sink's parts alone: Kafka fetch, decoding + check ---

  private void runSinkParts(EmbeddedStack stack, long total) throws Exception {
    say(
        "parts: reading the topic again, timing the fetch and the sink's decoding and record check apart...");
    Properties props = stack.kafkaProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(batchSize));
    Set<String> currencies;
    try (Connection db = connect(stack, "bench_sink")) {
      currencies = currencyCodes(db);
    }
    SinkParts.Decoder decoder =
        new SinkParts.Decoder(
            new AvroSerdes(stack.registryUrl()).<ConsensusRate>valueSerde().deserializer(),
            currencies);
    long fetchNanos = 0;
    long decodeNanos = 0;
    long read = 0;
    Progress progress = new Progress("reading", total);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TopicNames.RATES).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long lastChange = System.nanoTime();
      while (read < total) {
        long a = System.nanoTime();
        ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
        long b = System.nanoTime();
        fetchNanos += b - a;
        if (batch.isEmpty()) {
          if (b - lastChange > STALL.toNanos()) {
            throw new IllegalStateException(
                "the topic gave nothing for " + STALL + " (at " + read + " of " + total + ")");
          }
          continue;
        }
        decoder.decode(batch);
        decodeNanos += System.nanoTime() - b;
        read += batch.count();
        lastChange = System.nanoTime();
        progress.report(read);
      }
    }
    if (decoder.rejected() > 0) {
      throw new IllegalStateException(
          decoder.rejected() + " records did not pass the sink's check");
    }
    result.put("kafka_fetch_seconds", round(seconds(fetchNanos), 2));
    result.put("decode_check_seconds", round(seconds(decodeNanos), 2));
    say("parts: fetch %.1f s, decode + check %.1f s", seconds(fetchNanos), seconds(decodeNanos));
  }

  // --- 4. the sink's SQL alone (its StarSchemaWriter, fed without Kafka) ---

  private void runStoreAlone(EmbeddedStack stack) throws Exception {
    say(
        "store alone: the sink's StarSchemaWriter on a fresh database, batches of %,d, no Kafka...",
        batchSize);
    try (HikariDataSource pool = pool(stack, "bench_store")) {
      SinkParts.migrate(pool);
      Set<String> currencies;
      try (Connection db = pool.getConnection()) {
        currencies = currencyCodes(db);
      }
      SinkParts.Store store = new SinkParts.Store(pool, "benchmark-store", currencies);
      TopicPartition position = new TopicPartition(TopicNames.RATES, 0);
      long[] nanos = {0};
      long[] written = {0};
      Progress progress = new Progress("store alone", records);
      SilverRecords.forEachBatch(
          records,
          batchSize,
          batch -> {
            SinkParts.Batch prepared = store.prepare(batch);
            written[0] += batch.size();
            long a = System.nanoTime();
            store.write(prepared, Map.of(position, written[0]));
            nanos[0] += System.nanoTime() - a;
            progress.report(written[0]);
          });
      long facts;
      try (Connection db = pool.getConnection()) {
        facts = count(db, "fact_rate");
      }
      double seconds = seconds(nanos[0]);
      result.put("store_alone_seconds", round(seconds, 2));
      result.put("store_alone_rows_per_s", Math.round(facts / seconds));
      say(
          "store alone: %,d fact rows in %.1f s = %,d rows/s",
          facts, seconds, num("store_alone_rows_per_s"));
    }
  }

  // --- 5. the ceiling: COPY + one upsert per batch into fact_rate, nothing else ---

  /**
   * @param prefix of the result keys
   */
  private void runCeiling(EmbeddedStack stack, String database, String prefix) throws Exception {
    say(
        "%s: COPY into a temp table + INSERT ... ON CONFLICT DO UPDATE into a fresh fact_rate, batches of %,d...",
        prefix, batchSize);
    try (HikariDataSource pool = pool(stack, database)) {
      SinkParts.migrate(pool); // the sink's fact_rate, with its keys and index
      try (Connection db = pool.getConnection();
          PreparedStatement dates =
              db.prepareStatement(
                  """
              INSERT INTO dim_date SELECT r.* FROM generate_series(?::date, ?::date, interval '1 day') g,
                LATERAL dim_date_row(g::date) r ON CONFLICT DO NOTHING""")) {
        // the sink adds dates past the pre-generated range itself; here they are set up
        // before the clock starts
        dates.setString(1, SilverRecords.FIRST_DAY.toString());
        dates.setString(2, SilverRecords.lastDate(records).toString());
        dates.executeUpdate();
      }
    }
    long[] nanos = {0};
    long[] upserted = {0};
    Progress progress = new Progress(prefix, records);
    try (CopyUpsertCeiling ceiling = new CopyUpsertCeiling(connect(stack, database))) {
      long[] seen = {0};
      SilverRecords.forEachBatch(
          records,
          batchSize,
          batch -> {
            String csv = CopyUpsertCeiling.csv(batch);
            long a = System.nanoTime();
            upserted[0] += ceiling.write(csv);
            nanos[0] += System.nanoTime() - a;
            seen[0] += batch.size();
            progress.report(seen[0]);
          });
    }
    double seconds = seconds(nanos[0]);
    result.put(prefix + "_seconds", round(seconds, 2));
    result.put(prefix + "_rows_per_s", Math.round(upserted[0] / seconds));
    result.put(prefix + "_rows", upserted[0]);
    say(
        "%s: %,d fact rows in %.1f s = %,d rows/s",
        prefix, upserted[0], seconds, num(prefix + "_rows_per_s"));
  }

  // --- output ---

  private void printTable() {
    String rule = "-".repeat(78);
    System.out.println();
    System.out.println(
        "MakeRates sink benchmark, "
            + result.get("started_at")
            + " (one run on a shared machine: indicative)");
    System.out.println(rule);
    row(
        "records",
        "%,d",
        num("records"),
        "silver ConsensusRate, " + result.get("partitions") + " partitions");
    row(
        "sink seconds",
        "%.1f",
        result.get("sink_seconds"),
        "start to last offset stored; startup " + result.get("sink_startup_seconds") + " s");
    row(
        "sink rows/s",
        "%,d",
        num("sink_rows_per_s"),
        String.format(
            "fact rows (= records/s); %,d/s after startup; writers %d",
            num("sink_steady_records_per_s"), num("sink_writers")));
    row(
        "ceiling seconds",
        "%.1f",
        result.get("ceiling_seconds"),
        "COPY + upsert into the sink's fact_rate, no Kafka");
    row(
        "ceiling rows/s",
        "%,d",
        num("ceiling_rows_per_s"),
        String.format("batches of %,d, one transaction each", batchSize));
    row("sink as % of ceiling", "%.1f %%", result.get("sink_percent_of_ceiling"), "");
    System.out.println(rule);
    System.out.println("breakdown (each part timed alone on the same data):");
    row(
        "  in batch writes",
        "%.1f s",
        result.get("sink_batch_write_seconds"),
        String.format(
            "%,d batches, mean %,d records (decode+check+SQL)",
            num("sink_batches"), num("sink_mean_batch_records")));
    row(
        "  Kafka fetch",
        "%.1f s",
        result.get("kafka_fetch_seconds"),
        "raw bytes, one consumer, read_committed");
    row(
        "  Avro decode + check",
        "%.1f s",
        result.get("decode_check_seconds"),
        "the sink's SilverRecordCheck");
    row(
        "  sink SQL alone",
        "%.1f s",
        result.get("store_alone_seconds"),
        String.format("StarSchemaWriter, %,d fact rows/s", num("store_alone_rows_per_s")));
    System.out.printf(
        "  rows the sink wrote: fact %,d, history %,d, contribution %,d, latest %,d%n",
        num("sink_fact_rows"),
        num("sink_history_rows"),
        num("sink_contribution_rows"),
        num("sink_latest_rows"));
    System.out.println(rule);
    System.out.printf(
        "machine: %s cores (%s), %s GiB; %s, %s, heap max %s MiB; Kafka %s%n",
        result.get("cores"),
        result.get("cpu"),
        result.get("memory_gib"),
        result.get("jvm"),
        result.get("gc"),
        result.get("heap_max_mib"),
        result.get("kafka"));
    System.out.printf(
        "PostgreSQL %s (embedded; fsync=%s, synchronous_commit=%s, shared_buffers=%s)%n",
        result.get("postgresql"),
        result.get("pg_fsync"),
        result.get("pg_synchronous_commit"),
        result.get("pg_shared_buffers"));
    System.out.println();
  }

  private static void row(String label, String format, Object value, String note) {
    System.out.printf("%-22s %14s   %s%n", label, String.format(format, value), note);
  }

  private void writeJson(Instant startedAt) throws IOException {
    Files.createDirectories(resultsDir);
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(startedAt);
    Path file = resultsDir.resolve("sink-" + stamp + ".json");
    Files.writeString(file, new ObjectMapper().writeValueAsString(result) + "\n");
    say("result written to %s", file);
  }

  private void machineFacts(EmbeddedStack stack) throws SQLException {
    result.put("cores", Runtime.getRuntime().availableProcessors());
    result.put("cpu", cpuModel());
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    result.put("memory_gib", round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024), 1));
    result.put("jvm", System.getProperty("java.vm.name") + " " + Runtime.version());
    result.put(
        "gc",
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .collect(Collectors.joining("/")));
    result.put("heap_max_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    result.put("kafka", AppInfoParser.getVersion());
    result.put("commit", BuildInfo.commit());
    try (Connection db = connect(stack, "postgres")) {
      result.put("postgresql", show(db, "server_version"));
      result.put("pg_fsync", show(db, "fsync"));
      result.put("pg_synchronous_commit", show(db, "synchronous_commit"));
      result.put("pg_shared_buffers", show(db, "shared_buffers"));
    }
  }

  private static String cpuModel() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  // --- helpers ---

  private static String jdbcUrl(EmbeddedStack stack, String database) {
    return "jdbc:postgresql://127.0.0.1:" + stack.postgresPort() + "/" + database;
  }

  private static Connection connect(EmbeddedStack stack, String database) throws SQLException {
    return DriverManager.getConnection(
        jdbcUrl(stack, database), stack.dbUser(), stack.dbPassword());
  }

  /**
   * A pool like the sink's (4 connections); one thread writing gets its same session, and temporary
   * tables, back.
   */
  private static HikariDataSource pool(EmbeddedStack stack, String database) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("benchmark-" + database);
    config.setJdbcUrl(jdbcUrl(stack, database));
    config.setUsername(stack.dbUser());
    config.setPassword(stack.dbPassword());
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  private static void createDatabase(EmbeddedStack stack, String name) throws SQLException {
    try (Connection db = connect(stack, "postgres");
        Statement st = db.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
  }

  private static long storedOffsets(Connection db) throws SQLException {
    try (PreparedStatement st =
        db.prepareStatement(
            "SELECT coalesce(sum(next_offset), 0) FROM sink_offset WHERE consumer_group = ? AND topic = ?")) {
      st.setString(1, SINK_GROUP);
      st.setString(2, TopicNames.RATES);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long count(Connection db, String table) throws SQLException {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String show(Connection db, String setting) throws SQLException {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Set<String> currencyCodes(Connection db) throws SQLException {
    Set<String> codes = new HashSet<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT code FROM dim_currency")) {
      while (rs.next()) {
        codes.add(rs.getString(1));
      }
    }
    return codes;
  }

  /**
   * Sum of the latest offsets of the silver topic's partitions (it starts empty, so this is its
   * record count).
   */
  private static long endOffsets(EmbeddedStack stack) throws Exception {
    try (Admin admin = Admin.create(stack.kafkaProperties())) {
      var description =
          admin
              .describeTopics(List.of(TopicNames.RATES))
              .allTopicNames()
              .get()
              .get(TopicNames.RATES);
      Map<TopicPartition, OffsetSpec> latest =
          description.partitions().stream()
              .collect(
                  Collectors.toMap(
                      p -> new TopicPartition(TopicNames.RATES, p.partition()),
                      p -> OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(o -> o.offset())
          .sum();
    }
  }

  /** Bytes the silver topic holds on the broker (batch headers included). */
  private static long topicBytes(EmbeddedStack stack) throws Exception {
    try (Admin admin = Admin.create(stack.kafkaProperties())) {
      var nodes = admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList();
      return admin.describeLogDirs(nodes).allDescriptions().get().values().stream()
          .flatMap(dirs -> dirs.values().stream())
          .flatMap(dir -> dir.replicaInfos().entrySet().stream())
          .filter(e -> e.getKey().topic().equals(TopicNames.RATES))
          .mapToLong(e -> e.getValue().size())
          .sum();
    }
  }

  private long num(String key) {
    Object value = result.get(key);
    return value instanceof Number n ? Math.round(n.doubleValue()) : 0;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  static void say(String format, Object... args) {
    System.out.printf(
        "[%s] %s%n",
        DateTimeFormatter.ISO_LOCAL_TIME
            .withZone(ZoneOffset.UTC)
            .format(Instant.now())
            .substring(0, 8),
        String.format(format, args));
  }

  /** Prints a line each time another tenth of the work is done. */
  private static final class Progress {
    private final String what;
    private final long total;
    private final long started = System.nanoTime();
    private int tenthsShown;

    Progress(String what, long total) {
      this.what = what;
      this.total = total;
    }

    void report(long done) {
      int tenths = (int) Math.min(10, done * 10 / total);
      if (tenths > tenthsShown) {
        tenthsShown = tenths;
        say(
            "  %s: %,d of %,d (%d%%) after %.1f s",
            what, done, total, tenths * 10, seconds(System.nanoTime() - started));
      }
    }
  }
}
