package io.makerates.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.currency.CurrencyTable;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.kafka.TopicProvisioner;
import io.makerates.runtime.kafka.Topics;
import io.makerates.runtime.ops.BuildInfo;
import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.RateObservations;
import io.makerates.schema.internal.ConsensusDayState;
import io.makerates.stack.EmbeddedStack;
import io.makerates.streams.BronzeValidator;
import io.makerates.streams.Consensus;
import io.makerates.streams.ConsensusDay;
import io.makerates.streams.RatesSettings;
import io.makerates.streams.StreamsApp;
import java.io.IOException;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole pipeline replaying a long history of bronze, on the embedded stack, with streams-app's
 * replay and sink-app as child JVMs (as they run in production, so that each one's resident memory
 * is its own):
 *
 * <ol>
 *   <li>bronze for {@code --years} years of three sources in their real formats is produced (not
 *       timed);
 *   <li>the stages' own code alone, in this JVM, without Kafka: parse and validate every answer,
 *       then fold every observation into its day's consensus (CPU cost per stage);
 *   <li>a first replay from bronze's start into an empty state and database: timed from the
 *       replay's start until the sink has stored the last silver record and gold has been quiet for
 *       3 s;
 *   <li>a second replay under the same rules, in place: everything is read again, nothing changes;
 *   <li>live latency: streams-app running, a steady trickle of new answers, bronze→silver and
 *       bronze→gold per answer.
 * </ol>
 */
@Command(
    name = "benchmark-replay",
    mixinStandardHelpOptions = true,
    description =
        "Measures a replay of years of bronze through streams-app and sink-app into the star schema and gold.")
public final class ReplayBenchmark implements Callable<Integer> {

  private static final Pattern STREAMS_DONE = Pattern.compile("streams: done after ([0-9.]+) s");
  private static final Pattern REPLAY_DONE = Pattern.compile("replay done in ([0-9.]+) s");
  private static final Pattern SILVER = Pattern.compile("silver rates published\\s+([0-9,]+)");
  private static final Pattern OBSERVATIONS =
      Pattern.compile("observations\\s+([0-9,]+) answers, ([0-9,]+) pair rates");

  @Option(
      names = "--years",
      defaultValue = "25",
      description = "years of history, ending 2025-12-31 (default ${DEFAULT-VALUE})")
  int years;

  @Option(
      names = "--trickle",
      defaultValue = "60",
      description = "answers of the live-latency trickle (default ${DEFAULT-VALUE})")
  int trickle;

  @Option(
      names = "--results",
      defaultValue = "benchmarks/results",
      description = "folder for the JSON result (default ${DEFAULT-VALUE})")
  Path resultsDir;

  private final Map<String, Object> result = new LinkedHashMap<>();
  private final PeakMemory memory = new PeakMemory();

  public static void main(String[] args) {
    System.exit(new CommandLine(new ReplayBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Instant startedAt = Instant.now();
    LocalDate to = LocalDate.parse("2025-12-31");
    LocalDate from = to.minusYears(years).plusDays(1);
    result.put("benchmark", "replay");
    result.put("started_at", startedAt.toString());
    result.put("commit", BuildInfo.commit());
    result.put("history", from + ".." + to);
    result.put("cpus", Runtime.getRuntime().availableProcessors());
    HistoricalBronze history =
        new HistoricalBronze(from, to, Instant.parse("2026-11-30T08:00:00Z"));

    say("starting the embedded stack (Kafka, registry, PostgreSQL)...");
    AtomicReference<EmbeddedStack> running = new AtomicReference<>();
    List<Process> children = new ArrayList<>();
    Thread hook =
        new Thread(
            () -> {
              children.forEach(Process::destroyForcibly);
              EmbeddedStack s = running.getAndSet(null);
              if (s != null) {
                s.close();
              }
            },
            "benchmark-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    EmbeddedStack stack = EmbeddedStack.builder().all().start();
    running.set(stack);
    Path work = Files.createTempDirectory("benchmark-replay");
    try (Connection c =
            DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE bench_replay");
    }
    Map<String, String> env = new LinkedHashMap<>(stack.env());
    env.put("MAKERATES_DATABASE_URL", stack.jdbcUrl().replace("/postgres", "/bench_replay"));
    env.put("MAKERATES_APPLICATION_ID", "bench-replay");
    env.put("MAKERATES_STATE_DIR", work.resolve("streams").toString());
    env.put("MAKERATES_HTTP_PORT", "0");
    env.put("MAKERATES_LOG_LEVEL", "WARN");
    try {
      TopicProvisioner.ensure(stack.kafkaProperties(), StreamsApp.topics(new Settings(env)));
      produce(stack, history);
      stagesAlone(history);

      Process sink =
          child(children, "sink-app", env, work.resolve("sink.log"), "io.makerates.sink.SinkApp");
      memory.sample(stack);
      Map<String, String> first = replay(children, env, work.resolve("replay-1.log"), "first");
      star(stack, "first");
      result.put(
          "obs_per_s_end_to_end",
          round(num("first_pair_observations") / num("first_wall_seconds"), 0));
      result.put(
          "silver_per_final_rate", round(num("first_silver_records") / num("first_fact_rows"), 3));
      Map<String, String> second =
          replay(children, env, work.resolve("replay-2.log"), "same_rules");
      result.put(
          "same_rules_obs_per_s",
          round(num("same_rules_pair_observations") / num("same_rules_wall_seconds"), 0));
      latency(stack, history, children, env, work, to);
      sink.destroy();
      sink.waitFor(30, TimeUnit.SECONDS);
      result.put("peak_rss_mb", memory.peaksMb());
      say("first replay summary:%n%s", first.get("summary"));
      say("same-rules replay summary:%n%s", second.get("summary"));
    } finally {
      children.forEach(Process::destroyForcibly);
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
    printTable();
    writeJson(startedAt);
    return 0;
  }

  // --- 1. bronze ---

  private void produce(EmbeddedStack stack, HistoricalBronze history) throws Exception {
    Properties props = stack.kafkaProperties();
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, "1048576");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "10485760");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    Topics topics = new Topics(new AvroSerdes(stack.registryUrl()));
    long started = System.nanoTime();
    long[] bytes = {0};
    Map<String, Long> perSource = new LinkedHashMap<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<String, BronzeExtraction> producer =
        new KafkaProducer<>(
            props, new StringSerializer(), topics.bronze.valueSerde().serializer())) {
      history.forEach(
          b -> {
            bytes[0] += b.getResponse().getSizeBytes();
            perSource.merge(b.getSourceId(), 1L, Long::sum);
            producer.send(
                new ProducerRecord<>(
                    TopicNames.BRONZE, null, b.getExtractedAt().toEpochMilli(), b.getSourceId(), b),
                (m, e) -> {
                  if (e != null) {
                    failure.compareAndSet(null, e);
                  }
                });
          });
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing bronze failed", failure.get());
    }
    long records = perSource.values().stream().mapToLong(Long::longValue).sum();
    say(
        "bronze: %,d answers (%s), %,d MB of bodies, produced in %.1f s",
        records, perSource, bytes[0] >> 20, seconds(System.nanoTime() - started));
    result.put("bronze_records", records);
    result.put("bronze_records_per_source", perSource);
    result.put("bronze_body_mb", bytes[0] >> 20);
  }

  // --- 2. each stage's own code, in this JVM ---

  private void stagesAlone(HistoricalBronze history) {
    RatesSettings rules = RatesSettings.defaults();
    BronzeValidator validator =
        new BronzeValidator(
            BronzeValidator.knownParsers(),
            rules.groups(),
            rules.validation(),
            CurrencyTable.iso4217());
    ConsensusDay consensus =
        new ConsensusDay(new Consensus(rules.consensus()), rules.derivedBases());
    BronzeCoordinates at = new BronzeCoordinates(TopicNames.BRONZE, 0, 0L);
    List<RateObservations> observations = new ArrayList<>();
    long[] rejections = {0};
    long[] answers = {0};
    // twice: the first pass warms the JIT, the second is measured
    for (int pass = 0; pass < 2; pass++) {
      observations.clear();
      rejections[0] = 0;
      answers[0] = 0;
      long started = System.nanoTime();
      history.forEach(
          b -> {
            answers[0]++;
            BronzeValidator.Validation v = validator.validate(b, at, b.getExtractedAt());
            observations.addAll(v.observations());
            rejections[0] += v.rejections().size();
          });
      double validateSeconds = seconds(System.nanoTime() - started);
      long pairObservations = observations.stream().mapToLong(o -> o.getRates().size()).sum();
      started = System.nanoTime();
      Map<LocalDate, ConsensusDayState> days = new HashMap<>();
      long silver = 0;
      Set<String> finalRates = new HashSet<>();
      for (RateObservations o : observations) {
        ConsensusDay.Step step = consensus.apply(days.get(o.getDate()), o);
        days.put(o.getDate(), step.state());
        silver += step.changed().size();
        for (ConsensusRate r : step.changed()) {
          finalRates.add(r.getDate() + "/" + r.getBase() + "/" + r.getQuote());
        }
      }
      double consensusSeconds = seconds(System.nanoTime() - started);
      if (pass == 1) {
        say(
            "stages alone (this JVM, one thread, no Kafka): parse+validate %,d answers in %.1f s (%,.0f observations/s), "
                + "consensus in %.1f s (%,.0f observations/s); %,d silver records for %,d final rates",
            answers[0],
            validateSeconds,
            pairObservations / validateSeconds,
            consensusSeconds,
            pairObservations / consensusSeconds,
            silver,
            finalRates.size());
        result.put("pair_observations", pairObservations);
        result.put("validation_rejections", rejections[0]);
        result.put("alone_validate_seconds", round(validateSeconds, 2));
        result.put("alone_validate_obs_per_s", round(pairObservations / validateSeconds, 0));
        result.put("alone_consensus_seconds", round(consensusSeconds, 2));
        result.put("alone_consensus_obs_per_s", round(pairObservations / consensusSeconds, 0));
        result.put("alone_silver_records", silver);
        result.put("alone_final_rates", finalRates.size());
      }
    }
  }

  // --- 3 and 4. replays ---

  private Map<String, String> replay(
      List<Process> children, Map<String, String> env, Path log, String name) throws Exception {
    say("%s replay: starting the replay (child JVM) beside sink-app...", name.replace('_', ' '));
    long started = System.nanoTime();
    Process replay =
        child(children, "replay-" + name, env, log, "io.makerates.streams.replay.ReplayCommand");
    while (replay.isAlive()) {
      TimeUnit.SECONDS.sleep(5);
      String last =
          Files.readAllLines(log).stream()
              .filter(l -> l.startsWith("streams:") || l.startsWith("sink:"))
              .reduce((a, b) -> b)
              .orElse("");
      if (!last.isEmpty()) {
        say("  %s", last);
      }
    }
    double wall = seconds(System.nanoTime() - started);
    String output =
        String.join(
            "\n", Files.readAllLines(log).stream().filter(l -> !l.startsWith("{")).toList());
    if (replay.exitValue() != 0) {
      throw new IllegalStateException(
          "the " + name + " replay exited with " + replay.exitValue() + ":\n" + output);
    }
    Map<String, String> found = new HashMap<>();
    found.put("summary", output.substring(Math.max(0, output.indexOf("replay done"))));
    result.put(name + "_wall_seconds", round(wall, 1));
    result.put(name + "_streams_seconds", Double.parseDouble(group(STREAMS_DONE, output, 1)));
    result.put(name + "_replay_seconds", Double.parseDouble(group(REPLAY_DONE, output, 1)));
    result.put(name + "_silver_records", Long.parseLong(group(SILVER, output, 1).replace(",", "")));
    result.put(
        name + "_pair_observations",
        Long.parseLong(group(OBSERVATIONS, output, 2).replace(",", "")));
    say(
        "%s replay: %.1f s wall (JVM start included), streams done after %s s, all stored and gold quiet after %s s",
        name.replace('_', ' '),
        wall,
        result.get(name + "_streams_seconds"),
        result.get(name + "_replay_seconds"));
    return found;
  }

  private void star(EmbeddedStack stack, String name) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                stack.jdbcUrl().replace("/postgres", "/bench_replay"),
                stack.dbUser(),
                stack.dbPassword());
        Statement s = c.createStatement()) {
      for (String table :
          List.of(
              "fact_rate",
              "fact_rate_history",
              "fact_rate_revision",
              "fact_rate_contribution",
              "latest_rate")) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
          rs.next();
          result.put(
              name + "_" + (table.equals("fact_rate") ? "fact_rows" : table + "_rows"),
              rs.getLong(1));
        }
      }
    }
  }

  // --- 5. live latency ---

  private void latency(
      EmbeddedStack stack,
      HistoricalBronze history,
      List<Process> children,
      Map<String, String> env,
      Path work,
      LocalDate after)
      throws Exception {
    say("latency: streams-app (child JVM) live, %d answers one every 500 ms...", trickle);
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Map<String, String> live = new java.util.HashMap<>(env);
    live.put("MAKERATES_HTTP_PORT", Integer.toString(port));
    long startedAt = System.nanoTime();
    Process streams =
        child(
            children,
            "streams-app",
            live,
            work.resolve("streams.log"),
            "io.makerates.streams.StreamsApp");
    try {
      TrickleLatency.Measured measured =
          TrickleLatency.measure(
              stack,
              history,
              after,
              trickle,
              java.net.URI.create("http://127.0.0.1:" + port + "/health/ready"),
              startedAt);
      result.put("latency_bronze_to_silver_ms", measured.toSilver());
      result.put("latency_bronze_to_gold_ms", measured.toGold());
      result.put("streams_app_ready_after_ms", measured.readyAfterMs());
    } finally {
      streams.destroy();
      streams.waitFor(30, TimeUnit.SECONDS);
    }
    say(
        "latency: streams-app ready %s ms after its start; bronze→silver %s, bronze→gold %s (ms)",
        result.get("streams_app_ready_after_ms"),
        result.get("latency_bronze_to_silver_ms"),
        result.get("latency_bronze_to_gold_ms"));
  }

  // --- processes and memory ---

  private Process child(
      List<Process> children, String name, Map<String, String> env, Path log, String main)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // sink-app's heap as its Kubernetes base manifest sizes it (35 % of 384Mi), for the 22 MB a
    // replay's full GC leaves in it; streams-app's stays at 224 MB: 128 MB cost a 5-year first
    // replay 13 % (80.5 s against 71.4 s)
    String heap = name.equals("sink-app") ? "134m" : "224m";
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx" + System.getProperty("benchmark.child.heap", heap),
            "-XX:+UseSerialGC",
            "--enable-native-access=ALL-UNNAMED",
            "-DMAKERATES_LOG_LEVEL=WARN",
            "-cp",
            System.getProperty("java.class.path"),
            main);
    String extra = System.getProperty("benchmark.child.opts." + name, "");
    if (!extra.isBlank()) {
      pb.command().addAll(1, List.of(extra.trim().split("\\s+"))); // e.g. a profiler for one child
    }
    // as the image runs them: glibc's default of eight arenas per core lets RocksDB's and the
    // clients' threads each fragment their own
    pb.environment().put("MALLOC_ARENA_MAX", "2");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    children.add(p);
    memory.track(name, p.pid());
    return p;
  }

  // --- output ---

  private void printTable() {
    say("");
    say(
        "replay benchmark (%s, %d cpus), %s",
        result.get("history"), result.get("cpus"), result.get("commit"));
    result.forEach((k, v) -> say("  %-36s %s", k, v));
  }

  private void writeJson(Instant startedAt) throws IOException {
    Files.createDirectories(resultsDir);
    Path file =
        resultsDir.resolve(
            "replay-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(ZoneOffset.UTC)
                    .format(startedAt)
                + ".json");
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), result);
    say("result written to %s", file);
  }

  private double num(String key) {
    return ((Number) result.get(key)).doubleValue();
  }

  private static String group(Pattern p, String text, int group) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no '" + p.pattern() + "' in the replay's output:\n" + text);
    }
    return m.group(group);
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void say(String format, Object... args) {
    System.out.println(String.format(format, args));
  }
}
