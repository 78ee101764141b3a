package io.makerates.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves sample Frankfurter answers on loopback so that the pipeline runs without internet. The sample is the
 * project's own file in Frankfurter's v1 format; its date is the most recent weekday (ECB publishes on business days),
 * or the date asked for in {@code /v1/{date}}.
 */
public final class OfflineSourceStub implements AutoCloseable {

  private static final Pattern DATE_PATH = Pattern.compile("/v1/(\\d{4}-\\d{2}-\\d{2})/?");

  private final HttpServer server;
  private final String template;
  private final Clock clock;
  private final AtomicInteger served = new AtomicInteger();

  public OfflineSourceStub(Clock clock) {
    this.clock = clock;
    this.template = resource("/offline/frankfurter/latest.json");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the offline source stub on loopback", e);
    }
    server.createContext("/v1/", this::answer);
    server.start();
  }

  /** The base URL to configure as the Frankfurter source. */
  public String frankfurterBaseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** How many answers were served so far. */
  public int served() {
    return served.get();
  }

  /** The exact body served for a date. */
  public byte[] bodyFor(LocalDate date) {
    return template.replace("${date}", date.toString()).getBytes(StandardCharsets.UTF_8);
  }

  public LocalDate latestBusinessDay() {
    LocalDate day = LocalDate.now(clock);
    while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      day = day.minusDays(1);
    }
    return day;
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    LocalDate date;
    Matcher m = DATE_PATH.matcher(path);
    if (path.equals("/v1/latest") || path.equals("/v1/latest/")) {
      date = latestBusinessDay();
    } else if (m.matches()) {
      date = LocalDate.parse(m.group(1));
    } else {
      send(exchange, 404, "{\"message\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    served.incrementAndGet();
    send(exchange, 200, bodyFor(date));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String resource(String name) {
    try (InputStream in = OfflineSourceStub.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
