package io.makerates.launcher.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Each app's readiness and metrics, asked of all three at once over one HTTP client: one app that
 * does not answer costs its timeout once, not once per question.
 */
public final class AppProbes {

  private static final Duration WAIT = Duration.ofSeconds(3);

  /** What one app answered: its readiness in words and its metrics, when it answered. */
  public record App(String name, String url, String readiness, Optional<PrometheusText> metrics) {}

  private AppProbes() {}

  /** Asks every app (name → ops URL, null when unknown) for its readiness and metrics. */
  public static List<App> ask(Map<String, String> opsUrls, List<String> names) {
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build()) {
      Map<String, CompletableFuture<Optional<HttpResponse<String>>>> ready = new LinkedHashMap<>();
      Map<String, CompletableFuture<Optional<HttpResponse<String>>>> metrics =
          new LinkedHashMap<>();
      for (String name : names) {
        ready.put(name, get(http, opsUrls.get(name), "/health/ready"));
        metrics.put(name, get(http, opsUrls.get(name), "/metrics"));
      }
      List<App> apps = new ArrayList<>();
      for (String name : names) {
        apps.add(
            new App(
                name,
                opsUrls.get(name),
                readiness(ready.get(name).join()),
                metrics.get(name).join().map(r -> PrometheusText.parse(r.body()))));
      }
      return apps;
    }
  }

  private static CompletableFuture<Optional<HttpResponse<String>>> get(
      HttpClient http, String opsUrl, String path) {
    if (opsUrl == null) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return http.sendAsync(
            HttpRequest.newBuilder(URI.create(opsUrl + path)).timeout(WAIT).build(),
            HttpResponse.BodyHandlers.ofString())
        .thenApply(Optional::of)
        .exceptionally(notAnswering -> Optional.empty());
  }

  private static String readiness(Optional<HttpResponse<String>> answer) {
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
    } catch (IOException e) {
      return "NOT READY";
    }
  }

  /**
   * Records not yet processed, as an app's consumer counts them ({@code records-lag}: from its
   * position to the last committed record, transaction markers not counted), over every partition
   * it reads; a restore consumer's lag is state being rebuilt, not input waiting, and is left out.
   */
  public static String lag(App app) {
    if (app.name().equals("extractor-app")) {
      return "- (produces only)";
    }
    if (app.metrics().isEmpty()) {
      return "unknown (metrics do not answer)";
    }
    if (app.name().equals("api-app")) {
      // it reads gold without a consumer group: its own gauge counts what it has not read
      return app.metrics().get().samples().stream()
          .filter(x -> x.name().equals("makerates_api_gold_lag_records") && x.value() >= 0)
          .findFirst()
          .map(x -> String.valueOf((long) x.value()))
          .orElse("unknown (gold not read yet)");
    }
    List<PrometheusText.Sample> lags =
        app.metrics().get().samples().stream()
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
}
