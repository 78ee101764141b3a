package io.makerates.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.extractor.SourceConfig;
import io.makerates.launcher.status.PrometheusText;
import io.makerates.launcher.status.SourceActivity;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.ContractTopic;
import io.makerates.runtime.kafka.Topics;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.RateObservations;
import io.makerates.schema.Rejection;
import io.makerates.streams.IndependenceGroups;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/**
 * The running local stack at a glance: where its services answer (with the database login), each
 * app's readiness and consumer lag, what reached every stage, and per source its last extraction,
 * the date of its newest answer, its attempts and failures today, its rejections by reason, its
 * quota and its circuit breaker.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the running local stack: its addresses, each app's readiness and lag, the records of every"
          + " stage, and per source its last extraction, newest answer date, attempts and failures today, rejections by"
          + " reason, quota and breaker.",
      "Exit code 0: the stack answered; 1: no stack runs, or it does not answer."
    })
final class StatusCommand extends ReadingCommand {

  private static final Duration HTTP_WAIT = Duration.ofSeconds(3);

  private final Clock clock;

  StatusCommand() {
    super();
    this.clock = Clock.systemUTC();
  }

  StatusCommand(PrintStream out, PrintStream err, Clock clock) {
    super(System::getenv, out, err, false);
    this.clock = clock;
  }

  @Override
  int read() {
    Optional<LocalStackInfo> info = LocalStack.running(dataDir);
    if (info.isEmpty() && LocalStack.isRunning(dataDir)) {
      err.println(
          "The local stack on "
              + dataDir.toAbsolutePath().normalize()
              + " is starting; try again in a moment.");
      return 1;
    }
    if (info.isEmpty()) {
      err.println(
          "No local stack is running on "
              + dataDir.toAbsolutePath().normalize()
              + ": start one with 'bin/makerates up' (or 'up --offline').");
      return 1;
    }
    LocalStackInfo stack = info.get();
    try {
      print(stack);
      return 0;
    } catch (RuntimeException | SQLException e) {
      err.println(
          "The local stack on "
              + dataDir.toAbsolutePath().normalize()
              + " does not answer ("
              + firstLine(e)
              + "); is 'bin/makerates up' still running?");
      return 1;
    }
  }

  private void print(LocalStackInfo stack) throws SQLException {
    Settings settings = new Settings(stack.clientEnv());
    List<SourceConfig> sources = Services.configuredSources(stack.clientEnv());
    IndependenceGroups groups = IndependenceGroups.from(settings);
    Topics topics = new Topics(new AvroSerdes(stack.registryUrl()));
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    Map<String, SourceActivity> activity = new TreeMap<>();
    sources.forEach(s -> activity.put(s.id(), new SourceActivity()));
    Map<String, Long> counts = new LinkedHashMap<>();
    try (TopicCounter topic = new TopicCounter(stack.bootstrapServers())) {
      counts.put(
          "bronze records",
          topic.values(
              ContractTopic.BRONZE.topic(),
              topics.bronze.valueSerde().deserializer(),
              (BronzeExtraction b) -> {
                if (b != null) {
                  of(activity, b.getSourceId()).bronze(b, today);
                }
              }));
      counts.put(
          "silver observations",
          topic.values(
              ContractTopic.OBSERVATIONS.topic(),
              topics.observations.valueSerde().deserializer(),
              (RateObservations o) -> {
                if (o != null) {
                  of(activity, o.getSourceId()).observations(o);
                }
              }));
      counts.put("silver rates", topic.records(ContractTopic.RATES.topic()));
      counts.put(
          "rejected",
          topic.values(
              ContractTopic.REJECTED.topic(),
              topics.rejected.valueSerde().deserializer(),
              (Rejection r) -> {
                if (r != null && r.getSourceId() != null) {
                  of(activity, r.getSourceId()).rejection(r);
                }
              }));
      counts.put("fact rows", factRows(stack));
      counts.put("gold keys", topic.distinctKeys(ContractTopic.GOLD.topic()));
    }
    // each app's /metrics once: the sources' quota and breaker come from the extractor's, the lags
    // from the others'
    Map<String, Optional<PrometheusText>> metrics = new LinkedHashMap<>();
    for (String app : List.of("extractor-app", "streams-app", "sink-app")) {
      metrics.put(app, metrics(stack.opsUrls().get(app)));
    }
    Optional<PrometheusText> extractorMetrics = metrics.get("extractor-app");

    out.println("MakeRates local stack on " + dataDir.toAbsolutePath().normalize());
    out.println("services");
    out.printf("  %-12s %s%n", "kafka", stack.bootstrapServers());
    out.printf("  %-12s %s%n", "registry", stack.registryUrl());
    out.printf(
        "  %-12s %s  user %s  password %s%n",
        "postgresql", stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
    out.println("apps");
    for (Map.Entry<String, Optional<PrometheusText>> app : metrics.entrySet()) {
      String url = stack.opsUrls().get(app.getKey());
      out.printf(
          "  %-14s %-10s %-22s %s%n",
          app.getKey(),
          readiness(url),
          "lag " + lag(app.getKey(), app.getValue()),
          url == null ? "" : url + "/metrics");
    }
    out.println("pipeline");
    counts.forEach((what, n) -> out.printf("  %-20s %d%n", what, n));
    out.println("sources");
    for (Map.Entry<String, SourceActivity> e : activity.entrySet()) {
      String id = e.getKey();
      SourceActivity a = e.getValue();
      Optional<SourceConfig> config = sources.stream().filter(s -> s.id().equals(id)).findFirst();
      out.printf(
          "  %s (%s, group %s)%s%n",
          id,
          config.map(SourceConfig::type).orElse("type unknown"),
          groups.groupOf(id),
          config.isPresent() ? "" : ": not configured now (records from an earlier run)");
      out.printf(
          "    %-17s %s%n",
          "last extraction",
          a.lastExtraction() == null
              ? "none yet"
              : a.lastExtraction() + " (" + a.lastOutcome() + ")");
      out.printf(
          "    %-17s %s%n",
          "last answer date", a.lastAnswerDate() == null ? "none yet" : a.lastAnswerDate());
      out.printf(
          "    %-17s %d attempts, %d failed%n", "today (UTC)", a.attemptsToday(), a.failedToday());
      out.printf(
          "    %-17s %s%n",
          "rejections",
          a.rejections().isEmpty()
              ? "none"
              : new TreeMap<>(a.rejections())
                  .entrySet().stream()
                      .map(r -> r.getKey() + " " + r.getValue())
                      .collect(Collectors.joining(", ")));
      out.printf("    %-17s %s%n", "quota", quota(id, config, extractorMetrics));
      out.printf("    %-17s %s%n", "breaker", breaker(id, extractorMetrics));
    }
  }

  private static SourceActivity of(Map<String, SourceActivity> activity, String sourceId) {
    return activity.computeIfAbsent(sourceId, id -> new SourceActivity());
  }

  private static String quota(
      String id, Optional<SourceConfig> config, Optional<PrometheusText> metrics) {
    if (config.isPresent() && config.get().quota() == null) {
      return "none";
    }
    if (metrics.isEmpty()) {
      return config
          .map(c -> "limit " + c.quota() + " (the extractor's metrics do not answer)")
          .orElse("unknown");
    }
    Optional<PrometheusText.Sample> used =
        metrics.get().find("makerates_extractor_quota_used", "source", id);
    Optional<PrometheusText.Sample> limit =
        metrics.get().find("makerates_extractor_quota_limit", "source", id);
    if (used.isEmpty() || limit.isEmpty()) {
      return "none";
    }
    long u = (long) used.get().value();
    long l = (long) limit.get().value();
    return u
        + " of "
        + l
        + " per "
        + limit.get().labels().getOrDefault("period", "period")
        + " used, "
        + Math.max(0, l - u)
        + " left";
  }

  private static String breaker(String id, Optional<PrometheusText> metrics) {
    return metrics
        .flatMap(m -> m.find("makerates_extractor_breaker_state", "source", id))
        .map(
            s ->
                switch ((int) s.value()) {
                  case 0 -> "closed";
                  case 1 -> "OPEN (calls refused until it half-opens)";
                  case 2 -> "half-open (trial calls)";
                  default -> "unknown";
                })
        .orElse("unknown (the extractor's metrics do not answer)");
  }

  private static Optional<PrometheusText> metrics(String opsUrl) {
    return get(opsUrl, "/metrics").map(r -> PrometheusText.parse(r.body()));
  }

  private static String readiness(String opsUrl) {
    Optional<HttpResponse<String>> answer = get(opsUrl, "/health/ready");
    if (answer.isEmpty()) {
      return "not answering";
    }
    if (answer.get().statusCode() == 200) {
      return "ready";
    }
    try {
      JsonNode checks = new ObjectMapper().readTree(answer.get().body()).path("checks");
      List<String> down = new ArrayList<>();
      checks
          .properties()
          .forEach(
              c -> {
                if (!c.getValue().path("ok").asBoolean()) {
                  down.add(c.getKey() + ": " + c.getValue().path("detail").asText());
                }
              });
      return "NOT READY (" + String.join("; ", down) + ")";
    } catch (java.io.IOException e) {
      return "NOT READY";
    }
  }

  private static Optional<HttpResponse<String>> get(String opsUrl, String path) {
    if (opsUrl == null) {
      return Optional.empty();
    }
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_WAIT).build()) {
      return Optional.of(
          http.send(
              HttpRequest.newBuilder(URI.create(opsUrl + path)).timeout(HTTP_WAIT).build(),
              HttpResponse.BodyHandlers.ofString()));
    } catch (java.io.IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Records not yet processed, as each app's consumer counts them ({@code records-lag}: from its
   * position to the last committed record, transaction markers not counted), over every partition
   * it reads; a restore consumer's lag is state being rebuilt, not input waiting, and is left out.
   */
  private static String lag(String app, Optional<PrometheusText> metrics) {
    if (app.equals("extractor-app")) {
      return "- (produces only)";
    }
    if (metrics.isEmpty()) {
      return "unknown (metrics do not answer)";
    }
    List<PrometheusText.Sample> lags =
        metrics.get().samples().stream()
            .filter(
                x ->
                    x.name().equals("kafka_consumer_fetch_manager_records_lag")
                        && x.labels().containsKey("partition"))
            .filter(x -> !x.labels().getOrDefault("client_id", "").contains("restore"))
            .filter(x -> !Double.isNaN(x.value()))
            .toList();
    return lags.isEmpty()
        ? "unknown (no partition fetched yet)"
        : String.valueOf((long) lags.stream().mapToDouble(PrometheusText.Sample::value).sum());
  }

  private static long factRows(LocalStackInfo stack) throws SQLException {
    try (Connection conn =
            DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        Statement statement = conn.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT CASE WHEN to_regclass('public.fact_rate') IS NULL THEN 0 ELSE (SELECT count(*) FROM fact_rate) END")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
