package io.makerates.api;

import static org.awaitility.Awaitility.await;

import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.runtime.ops.Observability;
import io.makerates.schema.ConsensusRate;
import io.makerates.sink.SinkApp;
import io.makerates.stack.EmbeddedStack;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The end of the real pipeline the API contract tests run against: the embedded stack, the sink
 * storing silver rates into the star schema and publishing gold, a login that holds only the reader
 * role, and api-app logged in as it once the test has sent its rates.
 */
final class PipelineEnd implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(90);

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final OpenApiContract CONTRACT = new OpenApiContract();

  final EmbeddedStack stack;
  final KafkaProducer<String, ConsensusRate> silver;
  private final AutoCloseable sink;
  ApiApp.Started api;
  PrometheusMeterRegistry apiMetrics;

  private PipelineEnd(
      EmbeddedStack stack, AutoCloseable sink, KafkaProducer<String, ConsensusRate> silver) {
    this.stack = stack;
    this.sink = sink;
    this.silver = silver;
  }

  /** The stack, the sink and the reader login; the API is started after the rates are sent. */
  static PipelineEnd start() throws Exception {
    EmbeddedStack stack = EmbeddedStack.builder().all().start();
    HealthChecks sinkHealth = new HealthChecks();
    AutoCloseable sink =
        SinkApp.start(new Settings(stack.env()), Observability.registry("sink"), sinkHealth);
    await().atMost(WAIT).until(sinkHealth::ready);
    try (Connection db =
            DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        Statement s = db.createStatement()) {
      s.execute("CREATE ROLE api_reader LOGIN PASSWORD 'reads-only'");
      s.execute("GRANT makerates_reader TO api_reader");
    }
    KafkaProducer<String, ConsensusRate> silver =
        new KafkaProducer<>(
            stack.kafkaProperties(),
            new StringSerializer(),
            new AvroSerdes(stack.registryUrl()).<ConsensusRate>valueSerde().serializer());
    return new PipelineEnd(stack, sink, silver);
  }

  /**
   * Starts api-app as the reader login and waits until it has read gold's first records and holds
   * {@code historyRates} past EUR rates: the sink's lanes commit apart, so gold can arrive before
   * every day is stored, and the history's first read may miss days its next refresh finds.
   */
  void startApi(int historyRates) {
    HealthChecks apiHealth = new HealthChecks();
    Settings settings =
        new Settings(stack.env())
            .with(
                Map.of(
                    "MAKERATES_API_PORT", "0",
                    "MAKERATES_API_HISTORY_REFRESH", "1s",
                    "MAKERATES_DATABASE_USER", "api_reader",
                    "MAKERATES_DATABASE_PASSWORD", "reads-only"));
    apiMetrics = Observability.registry("api");
    api = ApiApp.start(settings, apiMetrics, apiHealth);
    await().atMost(WAIT).until(apiHealth::ready);
    // the sink's Debezium engine publishes gold once it runs: the API serves the latest from it
    await().atMost(WAIT).until(() -> goldRecords() >= 3);
    await().atMost(WAIT).until(() -> historyRates() >= historyRates);
  }

  /** The past EUR rates api-app holds in memory. */
  double historyRates() {
    return apiMetrics.get("makerates_api_history_rates").gauge().value();
  }

  double goldRecords() {
    return apiMetrics.get("makerates_api_gold_records").functionCounter().count();
  }

  URI uri(String path) {
    return URI.create(
        "http://127.0.0.1:"
            + api.port()
            + path.replace(" ", "%20").replace("'", "%27").replace("+", "%2B"));
  }

  /** GET, and every JSON answer checked against the OpenAPI document's schema for it. */
  HttpResponse<String> get(String path) throws Exception {
    return checked(
        HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString()));
  }

  HttpResponse<String> get(String path, String header, String value) throws Exception {
    return checked(
        HTTP.send(
            HttpRequest.newBuilder(uri(path)).header(header, value).build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  private static HttpResponse<String> checked(HttpResponse<String> answer) throws Exception {
    CONTRACT.check(answer);
    return answer;
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {api, silver, sink, stack}) {
      if (c != null) {
        c.close();
      }
    }
  }
}
