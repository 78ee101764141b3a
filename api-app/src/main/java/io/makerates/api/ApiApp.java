package io.makerates.api;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.makerates.api.gold.GoldFollower;
import io.makerates.api.gold.LatestRates;
import io.makerates.api.history.EurHistory;
import io.makerates.api.history.HistoryRefresh;
import io.makerates.api.history.RateRecords;
import io.makerates.api.history.SourceCoverage;
import io.makerates.api.http.ApiServer;
import io.makerates.api.rates.DayRates;
import io.makerates.api.v1.V1Routes;
import io.makerates.api.v2.Catalog;
import io.makerates.api.v2.V2Routes;
import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.currency.CurrencyTable;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.Topics;
import io.makerates.runtime.ops.AppRunner;
import io.makerates.runtime.ops.HealthChecks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * api-app: Frankfurter's API (v1 and v2) over the consensus rates. A downstream consumer of the
 * gold topic, which it keeps in memory for the latest rates, and a reader of the star schema's
 * views for past days; it writes nothing anywhere.
 */
public final class ApiApp {

  /** Where Frankfurter clients are pointed: {@code MAKERATES_API_PORT}. */
  public static final int DEFAULT_PORT = 8081;

  private static final String DEFAULT_USER = "makerates_api";
  private static final int DEFAULT_POOL = 8;

  /** How often the rates' history reads what changed in the star schema. */
  private static final Duration DEFAULT_HISTORY_REFRESH = Duration.ofSeconds(30);

  private ApiApp() {}

  public static void main(String[] args) {
    AppRunner.run("api-app", ApiApp::start);
  }

  /** What the app reads from its settings, each checked; a bad one is a {@link ConfigException}. */
  record ApiSettings(
      String databaseUrl,
      String registryUrl,
      String host,
      int port,
      Duration historyRefresh,
      ApiServer.Budget budget) {}

  /**
   * Reads and checks every setting the app reads at start, so that a launcher can refuse a bad one
   * before anything starts.
   */
  public static ApiSettings checkSettings(Settings settings) {
    String url =
        settings.required(
            "database.url", "the PostgreSQL JDBC URL, e.g. jdbc:postgresql://host:5432/makerates");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(
          Settings.variable("database.url") + "=" + url + " is not a PostgreSQL JDBC URL");
    }
    String registry =
        settings.required(
            "registry.url", "the schema registry URL, e.g. http://registry:8080/apis/registry/v3");
    settings.bootstrapServers();
    settings.string("database.user", DEFAULT_USER);
    settings.string("database.password", "");
    settings.integer("database.pool", DEFAULT_POOL, 1, 64);
    Duration refresh = settings.duration("api.history.refresh", DEFAULT_HISTORY_REFRESH);
    if (refresh.compareTo(Duration.ofSeconds(1)) < 0
        || refresh.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigException(
          Settings.variable("api.history.refresh")
              + "="
              + refresh
              + " is outside 1s to 1h: how often past rates are read again from the star schema");
    }
    return new ApiSettings(
        url,
        registry,
        settings.string("api.host", "0.0.0.0"),
        settings.integer("api.port", DEFAULT_PORT, 0, 65535),
        refresh,
        budget(settings));
  }

  /** {@code api.budget.*}: requests per client per period (0, the default, is no budget). */
  static ApiServer.Budget budget(Settings settings) {
    int requests =
        explained(
            () -> settings.integer("api.budget.requests", 0, 0, 1_000_000),
            "requests a client may make per period; 0 turns the budget off");
    int seconds =
        explained(
            () -> settings.integer("api.budget.period", 60, 1, 86_400),
            "the budget's period in seconds, at most a day");
    Optional<String> header = settings.optional("api.budget.client-header");
    if (header.isPresent() && !header.get().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
      throw new ConfigException(
          Settings.variable("api.budget.client-header")
              + "="
              + header.get()
              + " is not a header name: give one like X-Forwarded-For, without a colon or value");
    }
    return new ApiServer.Budget(requests, Duration.ofSeconds(seconds), header);
  }

  private static int explained(java.util.function.IntSupplier read, String whatItIs) {
    try {
      return read.getAsInt();
    } catch (ConfigException e) {
      throw new ConfigException(e.getMessage() + " (" + whatItIs + ")");
    }
  }

  /** Starts the gold follower and the HTTP server; does not block. */
  public static Started start(
      Settings settings, PrometheusMeterRegistry metrics, HealthChecks health) {
    ApiSettings checked = checkSettings(settings);
    String url = checked.databaseUrl();
    String registry = checked.registryUrl();
    int port = checked.port();
    String host = checked.host();
    Deque<AutoCloseable> parts = new ArrayDeque<>();
    try {
      HikariDataSource pool = pool(url, settings);
      parts.push(pool);
      LatestRates latest = new LatestRates();
      GoldFollower gold =
          new GoldFollower(
              settings.kafkaProperties(),
              new Topics(new AvroSerdes(registry)).gold.valueSerde().deserializer(),
              latest);
      parts.push(gold);
      health.add("gold", gold::health);
      Gauge.builder("makerates_api_gold_lag_records", gold, GoldFollower::lag)
          .description("gold records not yet read (-1 before the first read)")
          .register(metrics);
      io.micrometer.core.instrument.FunctionCounter.builder(
              "makerates_api_gold_records", gold, GoldFollower::recordsRead)
          .description("gold records read since start")
          .register(metrics);
      gold.start();
      CurrencyTable currencies = CurrencyTable.iso4217();
      Clock clock = Clock.systemUTC();
      EurHistory history = new EurHistory();
      HistoryRefresh refresh = new HistoryRefresh(pool, history, checked.historyRefresh(), clock);
      parts.push(refresh);
      health.add("history", refresh::health);
      Gauge.builder("makerates_api_history_rates", history, EurHistory::rateCount)
          .description("past EUR rates held in memory")
          .register(metrics);
      Gauge.builder("makerates_api_history_read_age_seconds", refresh, r -> r.secondsSinceRead())
          .description("seconds since the history last read the star schema (-1 before it did)")
          .register(metrics);
      refresh.start();
      V1Routes v1 = new V1Routes(latest, history, currencies, clock);
      V2Routes v2 =
          new V2Routes(
              new RateRecords(pool),
              new Catalog(new SourceCoverage(pool)::read, currencies, clock),
              currencies,
              () -> latest.newest().map(DayRates::date),
              clock);
      ApiServer server =
          new ApiServer(
              host, port, new ApiRoutes(v1, v2), metrics, ApiRoutes.names(), checked.budget());
      parts.push(server);
      return new Started(server.port(), () -> closeAll(parts));
    } catch (RuntimeException e) {
      closeAll(parts);
      throw e;
    }
  }

  /** The running app: its API port, and how to stop it. */
  public record Started(int port, AutoCloseable stop) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      stop.close();
    }
  }

  private static HikariDataSource pool(String url, Settings settings) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("makerates-api");
    hikari.setJdbcUrl(url);
    hikari.setUsername(settings.string("database.user", DEFAULT_USER));
    hikari.setPassword(settings.string("database.password", ""));
    hikari.setMaximumPoolSize(settings.integer("database.pool", DEFAULT_POOL, 1, 64));
    hikari.setReadOnly(true); // the reader role could not write anyway; the driver need not try
    hikari.setInitializationFailTimeout(-1); // start before the database; requests wait for it
    return new HikariDataSource(hikari);
  }

  private static void closeAll(Deque<AutoCloseable> parts) {
    while (!parts.isEmpty()) {
      try {
        parts.pop().close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(ApiApp.class)
            .warn("part of the API did not close cleanly", e);
      }
    }
  }
}
