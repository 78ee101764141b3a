package io.makerates.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ApiServer with and without a budget, over real HTTP on a free port, with a trivial route. */
class ApiServerBudgetTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ApiServer.Routes OK =
      (method, path, query, accept) -> new ApiServer.Routed("ok", Reply.json(200, "{\"ok\":true}"));

  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  private static HttpResponse<String> get(ApiServer server, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/latest"));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private ApiServer server(ApiServer.Budget budget) {
    return new ApiServer("127.0.0.1", 0, OK, metrics, List.of("ok"), budget);
  }

  @Test
  void theRequestOverBudgetIsAnswered429WithRetryAfter() throws Exception {
    try (ApiServer server =
        server(new ApiServer.Budget(3, Duration.ofSeconds(60), Optional.empty()))) {
      for (int i = 1; i <= 3; i++) {
        HttpResponse<String> ok = get(server);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("RateLimit-Limit")).contains("3");
        assertThat(ok.headers().firstValue("RateLimit-Remaining"))
            .contains(Integer.toString(3 - i));
      }
      HttpResponse<String> refused = get(server);
      assertThat(refused.statusCode()).isEqualTo(429);
      long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retryAfter).isBetween(1L, 60L);
      assertThat(refused.body())
          .isEqualTo("{\"message\":\"too many requests; try again in " + retryAfter + " s\"}");
      assertThat(refused.headers().firstValue("Cache-Control")).contains("no-store");
      assertThat(refused.headers().firstValue("RateLimit-Remaining")).contains("0");
      assertThat(
              metrics
                  .get("makerates_api_requests")
                  .tag("route", "budget")
                  .tag("status", "429")
                  .timer()
                  .count())
          .isEqualTo(1);
      assertThat(
              metrics
                  .get("makerates_api_requests")
                  .tag("route", "ok")
                  .tag("status", "200")
                  .timer()
                  .count())
          .isEqualTo(3);
    }
  }

  @Test
  void withoutABudgetNothingIsRefused() throws Exception {
    try (ApiServer server = server(ApiServer.Budget.OFF)) {
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> ok = get(server);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("RateLimit-Limit")).isEmpty();
      }
    }
  }

  @Test
  void behindAProxyTheClientIsTheFirstAddressOfTheHeader() throws Exception {
    try (ApiServer server =
        server(new ApiServer.Budget(1, Duration.ofSeconds(60), Optional.of("X-Forwarded-For")))) {
      assertThat(get(server, "X-Forwarded-For", "203.0.113.7, 10.0.0.1").statusCode())
          .isEqualTo(200);
      assertThat(get(server, "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(429);
      assertThat(get(server, "X-Forwarded-For", "198.51.100.2, 10.0.0.1").statusCode())
          .isEqualTo(200);
      // without the header, the remote address is the client
      assertThat(get(server).statusCode()).isEqualTo(200);
      assertThat(get(server).statusCode()).isEqualTo(429);
    }
  }
}
