package io.makerates.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicLayout;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.kafka.TopicProvisioner;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.runtime.ops.Observability;
import io.makerates.schema.ConsensusRate;
import io.makerates.sink.SinkApp;
import io.makerates.stack.EmbeddedStack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * api-app under load: years of silver rates go through the sink into the star schema and gold,
 * api-app runs as its own process (so that its resident memory is its own) logged in as a reader,
 * and wrk asks {@code /v1/latest}, {@code /v1/{date}} and a one-year range of 20 quotes at 16 and
 * 64 connections. Run by hand through {@code bin/benchmark-api}, never by the build.
 */
@Command(name = "benchmark-api", mixinStandardHelpOptions = true)
public final class ApiBenchmark implements Callable<Integer> {

  @Option(names = "--years", defaultValue = "3", description = "years of rates (default 3)")
  int years;

  @Option(names = "--seconds", defaultValue = "15", description = "each measured run")
  int seconds;

  @Option(names = "--heap", defaultValue = "96m", description = "api-app's -Xmx")
  String heap;

  @Option(names = "--results", defaultValue = "benchmarks/results")
  Path resultsDir;

  private final Map<String, Object> result = new LinkedHashMap<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new ApiBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Instant startedAt = Instant.now();
    result.put("benchmark", "api");
    result.put("started_at", startedAt.toString());
    result.put("cores", Runtime.getRuntime().availableProcessors());
    result.put("api_heap", heap);
    long records = (long) years * 261 * SilverRecords.PER_DAY;
    SinkBenchmark.say("starting the embedded stack (Kafka, registry, PostgreSQL)...");
    try (EmbeddedStack stack = EmbeddedStack.builder().all().start()) {
      AutoCloseable sink = fill(stack, records);
      try {
        Process api = startApi(stack);
        try {
          measure(api);
        } finally {
          api.destroy();
          api.waitFor(30, TimeUnit.SECONDS);
        }
      } finally {
        sink.close(); // before the stack it writes to
      }
    }
    Files.createDirectories(resultsDir);
    Path file =
        resultsDir.resolve(
            "api-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(ZoneOffset.UTC)
                    .format(startedAt)
                + ".json");
    Files.writeString(file, new ObjectMapper().writeValueAsString(result) + "\n");
    SinkBenchmark.say("result written to %s", file);
    return 0;
  }

  /**
   * Silver rates through the sink, until the star schema holds them all; the sink goes on running
   * (publishing gold) until the returned handle is closed.
   */
  private AutoCloseable fill(EmbeddedStack stack, long records) throws Exception {
    Settings settings = new Settings(stack.env());
    TopicLayout layout = TopicLayout.from(settings);
    TopicProvisioner.ensure(
        stack.kafkaProperties(),
        TopicProvisioner.contractTopics(layout.partitions(), layout.replication()));
    SinkBenchmark.say("producing %,d silver rates (%d years)...", records, years);
    try (KafkaProducer<String, ConsensusRate> producer =
        new KafkaProducer<>(
            stack.kafkaProperties(),
            new StringSerializer(),
            new AvroSerdes(stack.registryUrl()).<ConsensusRate>valueSerde().serializer())) {
      SilverRecords.forEach(
          records,
          rate ->
              producer.send(new ProducerRecord<>(TopicNames.RATES, SilverRecords.key(rate), rate)));
      producer.flush();
    }
    HealthChecks health = new HealthChecks();
    AutoCloseable sink = SinkApp.start(settings, Observability.registry("sink"), health);
    try (Connection db =
        DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword())) {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
      while (count(db, "SELECT count(*) FROM fact_rate") < records) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the sink did not store the rates in 15 minutes");
        }
        Thread.sleep(500);
      }
      try (Statement s = db.createStatement()) {
        s.execute("CREATE ROLE bench_reader LOGIN PASSWORD 'bench'");
        s.execute("GRANT makerates_reader TO bench_reader");
      }
      SinkBenchmark.say("stored %,d fact rows; the sink keeps publishing gold", records);
    }
    return sink;
  }

  private Process startApi(EmbeddedStack stack) throws Exception {
    int apiPort = freePort();
    int opsPort = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    // one GC thread, a smaller code cache, direct buffers and glibc's arenas bounded
    command.add("-XX:+UseSerialGC");
    command.add("-XX:ReservedCodeCacheSize=64m");
    command.add("-XX:MaxDirectMemorySize=32m");
    command.add("-DMAKERATES_LOG_LEVEL=WARN");
    // e.g. a flight recording: BENCHMARK_API_JAVA_OPTS=-XX:StartFlightRecording=filename=api.jfr
    String extra = System.getenv("BENCHMARK_API_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.strip().split("\\s+")));
    }
    command.addAll(List.of("-jar", "api-app/target/api-app.jar"));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    builder.environment().putAll(stack.env());
    builder.environment().put("MAKERATES_DATABASE_USER", "bench_reader");
    builder.environment().put("MAKERATES_DATABASE_PASSWORD", "bench");
    builder.environment().put("MAKERATES_API_PORT", Integer.toString(apiPort));
    builder.environment().put("MAKERATES_HTTP_PORT", Integer.toString(opsPort));
    Process api = builder.start();
    result.put("api_port", apiPort);
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      try {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          break;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!api.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("api-app did not become ready");
      }
      Thread.sleep(300);
    }
    SinkBenchmark.say("api-app ready on port %d (pid %d, -Xmx%s)", apiPort, api.pid(), heap);
    return api;
  }

  private void measure(Process api) throws Exception {
    String root = "http://127.0.0.1:" + result.get("api_port");
    LocalDate first = SilverRecords.FIRST_DAY;
    String twenty = String.join(",", SilverRecords.QUOTES.subList(0, 20));
    Map<String, String> endpoints = new LinkedHashMap<>();
    endpoints.put("latest", root + "/v1/latest");
    endpoints.put("date", root + "/v1/" + first.plusMonths(18));
    endpoints.put(
        "year_range_20",
        root + "/v1/" + first.plusMonths(6) + ".." + first.plusMonths(18) + "?symbols=" + twenty);
    List<Map<String, Object>> runs = new ArrayList<>();
    for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
      WrkRun.run(endpoint.getValue(), 16, 5); // warm-up: the JIT, the pool, PostgreSQL's cache
      for (int connections : List.of(16, 64)) {
        WrkRun run = WrkRun.run(endpoint.getValue(), connections, seconds);
        SinkBenchmark.say(
            "%-14s %3d connections: %,10.0f requests/s  p50 %6.2f ms  p99 %6.2f ms  (%d errors)",
            endpoint.getKey(),
            connections,
            run.requestsPerSecond(),
            run.p50Ms(),
            run.p99Ms(),
            run.errors());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("endpoint", endpoint.getKey());
        row.put("url", run.url());
        row.put("connections", connections);
        row.put("requests_per_s", Math.round(run.requestsPerSecond()));
        row.put("p50_ms", run.p50Ms());
        row.put("p99_ms", run.p99Ms());
        row.put("errors", run.errors());
        runs.add(row);
      }
    }
    result.put("runs", runs);
    long peakKb = peakResidentKb(api.pid());
    result.put("api_peak_resident_mb", peakKb / 1024);
    SinkBenchmark.say("api-app peak resident memory: %,d MB", peakKb / 1024);
  }

  /** VmHWM: the process's peak resident set, from Linux's /proc. */
  private static long peakResidentKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static long count(Connection db, String sql) throws Exception {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
