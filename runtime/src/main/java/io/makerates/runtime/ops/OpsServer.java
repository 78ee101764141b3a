package io.makerates.runtime.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * {@code /health/live}, {@code /health/ready}, {@code /health/started} and Prometheus {@code
 * /metrics} over plain HTTP for Kubernetes' liveness, readiness and startup probes and for
 * scraping.
 */
public final class OpsServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;

  public OpsServer(String host, int port, HealthChecks health, PrometheusMeterRegistry metrics) {
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen on " + host + ":" + port + " for health and metrics: " + e.getMessage(),
          e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/health/live",
        ex -> {
          Map<String, HealthChecks.Check> checks = health.evaluateLiveness();
          boolean alive = checks.values().stream().allMatch(HealthChecks.Check::ok);
          respond(ex, alive ? 200 : 503, "application/json", status(alive, checks));
        });
    server.createContext(
        "/health/started",
        ex -> {
          boolean started = health.started();
          respond(ex, started ? 200 : 503, "application/json", status(started, Map.of()));
        });
    server.createContext(
        "/health/ready",
        ex -> {
          Map<String, HealthChecks.Check> checks = health.evaluate();
          boolean ready =
              !checks.isEmpty() && checks.values().stream().allMatch(HealthChecks.Check::ok);
          respond(ex, ready ? 200 : 503, "application/json", status(ready, checks));
        });
    server.createContext(
        "/metrics",
        ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    server.start();
  }

  private static String status(boolean up, Map<String, HealthChecks.Check> checks)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.put("checks", checks);
    return JSON.writeValueAsString(body);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
