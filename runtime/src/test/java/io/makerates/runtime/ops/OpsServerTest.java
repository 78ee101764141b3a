package io.makerates.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The probes Kubernetes reads: liveness, readiness and startup answer from their own checks. */
class OpsServerTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void livenessReadinessAndStartupAnswerFromTheirOwnChecks() throws Exception {
    AtomicBoolean ready = new AtomicBoolean(false);
    AtomicBoolean alive = new AtomicBoolean(true);
    HealthChecks health =
        new HealthChecks()
            .add(
                "consumer",
                () ->
                    ready.get()
                        ? HealthChecks.Check.up()
                        : HealthChecks.Check.down("no partitions"))
            .addLiveness(
                "loop",
                () ->
                    alive.get()
                        ? HealthChecks.Check.up()
                        : HealthChecks.Check.down("loop stopped"));
    try (OpsServer ops =
        new OpsServer("127.0.0.1", 0, health, Observability.registry("ops-test"))) {
      // starting: alive, not ready, not started
      assertThat(status(ops, "/health/live")).isEqualTo(200);
      assertThat(status(ops, "/health/ready")).isEqualTo(503);
      assertThat(status(ops, "/health/started")).isEqualTo(503);

      ready.set(true);
      assertThat(status(ops, "/health/ready")).isEqualTo(200);
      assertThat(status(ops, "/health/started")).isEqualTo(200);

      // a rebalance takes readiness away, not the start; a stopped loop takes liveness away
      ready.set(false);
      alive.set(false);
      assertThat(status(ops, "/health/ready")).isEqualTo(503);
      assertThat(status(ops, "/health/started")).isEqualTo(200);
      assertThat(status(ops, "/health/live")).isEqualTo(503);
      assertThat(body(ops, "/health/live")).contains("loop stopped");
    }
  }

  private int status(OpsServer ops, String path) throws Exception {
    return http.send(request(ops, path), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private String body(OpsServer ops, String path) throws Exception {
    return http.send(request(ops, path), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static HttpRequest request(OpsServer ops, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).build();
  }
}
