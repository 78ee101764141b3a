package io.makerates.api.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's HTTP server: each request goes to the routes, its answer gets an ETag when its body is
 * whole (a matching {@code If-None-Match} is answered 304 without a body), and its time is recorded
 * by route and status. Whatever a request makes a route throw is a 500 with a message, never a
 * stack trace to the client. With a {@link Budget}, a client over it is answered 429 before any
 * route is asked (health and metrics are not served here but by the app's ops port, so they are
 * never budgeted).
 */
public final class ApiServer implements AutoCloseable {

  /** Answers one request. */
  @FunctionalInterface
  public interface Routes {
    /**
     * @param path the decoded path, without query
     * @param query the raw query string, null without one
     * @param accept the Accept header, null without one
     */
    Routed answer(String method, String path, String query, String accept) throws Exception;
  }

  /** An answer and the route name it is counted under (a template, never the raw path). */
  public record Routed(String route, Reply reply) {}

  /**
   * Requests a client may make per period; 0 turns the budget off.
   *
   * @param clientHeader the header whose first address is the client (a proxy's {@code
   *     X-Forwarded-For}); empty for the remote address
   */
  public record Budget(int requests, Duration period, Optional<String> clientHeader) {
    public static final Budget OFF = new Budget(0, Duration.ofSeconds(60), Optional.empty());
  }

  /** Longer than any IPv6 address written out: a header's value cannot make a key any larger. */
  private static final int MAX_CLIENT_LENGTH = 45;

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final HttpServer server;
  private final Routes routes;
  private final MeterRegistry metrics;
  private final ClientBudget budget; // null when off
  private final String clientHeader; // null for the remote address

  /** A server without a budget. */
  public ApiServer(
      String host, int port, Routes routes, MeterRegistry metrics, List<String> knownRoutes) {
    this(host, port, routes, metrics, knownRoutes, Budget.OFF);
  }

  /**
   * @param knownRoutes the route names whose 200 answers are counted from the start, so that the
   *     series is there before the first request
   */
  public ApiServer(
      String host,
      int port,
      Routes routes,
      MeterRegistry metrics,
      List<String> knownRoutes,
      Budget budget) {
    this.routes = routes;
    this.metrics = metrics;
    this.budget =
        budget.requests() > 0 ? ClientBudget.of(budget.requests(), budget.period()) : null;
    this.clientHeader = budget.clientHeader().orElse(null);
    knownRoutes.forEach(route -> timer(route, 200));
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 128);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen on " + host + ":" + port + " for the API: " + e.getMessage(), e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    String route = "unknown";
    int status = 500;
    try (exchange) {
      URI uri = exchange.getRequestURI();
      ClientBudget.Decision decision = budget == null ? null : budget.take(client(exchange));
      Routed routed;
      try {
        routed =
            decision != null && !decision.allowed()
                ? refused(decision.retryAfterSeconds())
                : routes.answer(
                    exchange.getRequestMethod(),
                    uri.getPath(),
                    uri.getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Accept"));
      } catch (java.sql.SQLException e) {
        // the star schema is down or restarting: the latest rates still answer from memory
        LOG.warn(
            "{} {}: the star schema did not answer: {}",
            exchange.getRequestMethod(),
            uri.getPath(),
            e.getMessage());
        routed =
            new Routed(
                "unavailable",
                Reply.message(503, "past rates are unavailable for a moment; try again")
                    .with("Retry-After", "5"));
      } catch (io.makerates.api.rates.NotReady e) {
        routed =
            new Routed("unavailable", Reply.message(503, e.getMessage()).with("Retry-After", "5"));
      } catch (Exception e) {
        LOG.error("{} {} failed", exchange.getRequestMethod(), uri.getPath(), e);
        routed = new Routed("error", Reply.message(500, "internal error"));
      }
      route = routed.route();
      Reply reply = routed.reply();
      if (decision != null) {
        reply =
            reply
                .with("RateLimit-Limit", Integer.toString(budget.requests()))
                .with("RateLimit-Remaining", Integer.toString(decision.remaining()));
      }
      status = send(exchange, reply);
    } finally {
      timer(route, status)
          .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  private static Routed refused(long retryAfterSeconds) {
    return new Routed(
        "budget",
        Reply.message(429, "too many requests; try again in " + retryAfterSeconds + " s")
            .with("Retry-After", Long.toString(retryAfterSeconds))
            .with("Cache-Control", "no-store"));
  }

  /** The first address in the client header when there is one, else the remote address. */
  private String client(HttpExchange exchange) {
    String named =
        clientHeader == null ? null : exchange.getRequestHeaders().getFirst(clientHeader);
    String client = named == null ? "" : named.split(",", 2)[0].strip();
    if (client.isEmpty()) {
      client = exchange.getRemoteAddress().getAddress().getHostAddress();
    }
    return client.length() > MAX_CLIENT_LENGTH ? client.substring(0, MAX_CLIENT_LENGTH) : client;
  }

  private Timer timer(String route, int status) {
    return Timer.builder("makerates_api_requests")
        .description("API requests by route template and HTTP status")
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram()
        .register(metrics);
  }

  private static int send(HttpExchange exchange, Reply reply) throws IOException {
    var headers = exchange.getResponseHeaders();
    reply.headers().forEach(headers::set);
    headers.set("Content-Type", reply.contentType());
    headers.set("Access-Control-Allow-Origin", "*");
    if (reply.status() >= 400 && !headers.containsKey("Cache-Control")) {
      headers.set("Cache-Control", "no-store"); // an error is not kept by caches
    }
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    if (reply.body() instanceof Reply.Whole whole) {
      String etag = etag(whole.bytes());
      headers.set("ETag", etag);
      String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
      if (reply.status() == 200 && ifNoneMatch != null && ifNoneMatch.contains(etag)) {
        headers.remove("Content-Type");
        exchange.sendResponseHeaders(304, -1);
        return 304;
      }
      exchange.sendResponseHeaders(reply.status(), head ? -1 : whole.bytes().length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(whole.bytes());
        }
      }
      return reply.status();
    }
    exchange.sendResponseHeaders(reply.status(), head ? -1 : 0); // 0: chunked, as it is written
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        reply.body().writeTo(out);
      }
    }
    return reply.status();
  }

  /** A strong validator: the body's SHA-256, shortened. */
  static String etag(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public void close() {
    server.stop(1);
  }
}
