package io.makerates.launcher;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * or the date asked for in {@code /v1/{date}}; {@code /v1/{from}..{to}} answers the range shape (for a backfill).
 */
public final class OfflineSourceStub implements AutoCloseable {

  private static final Pattern DATE_PATH = Pattern.compile("/v1/(\\d{4}-\\d{2}-\\d{2})/?");
  private static final Pattern RANGE_PATH = Pattern.compile("/v1/(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})/?");
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

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

  /** Frankfurter's range shape: the sample's rates on every weekday from {@code from} to {@code to}. */
  public byte[] rangeBody(LocalDate from, LocalDate to) {
    try {
      JsonNode day = JSON.readTree(bodyFor(from));
      ObjectNode body = JSON.createObjectNode();
      body.set("amount", day.get("amount"));
      body.set("base", day.get("base"));
      body.put("start_date", from.toString());
      body.put("end_date", to.toString());
      ObjectNode rates = body.putObject("rates");
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
        if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
          rates.set(d.toString(), day.get("rates"));
        }
      }
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    Matcher range = RANGE_PATH.matcher(path);
    if (range.matches()) {
      served.incrementAndGet();
      send(exchange, 200, rangeBody(LocalDate.parse(range.group(1)), LocalDate.parse(range.group(2))));
      return;
    }
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
