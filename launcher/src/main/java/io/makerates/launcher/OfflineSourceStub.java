package io.makerates.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineMarkets;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves every source type that has sample answers on loopback, each under {@code /<type>/} at its
 * provider's own paths and in its own format, so that the pipeline runs without internet. The
 * answers come from the type's own package ({@link SampleAnswers}), written from one {@link
 * OfflineMarkets offline market}: the same rates seen a few basis points apart per independence
 * group, each provider's calendar, some days one group off and one currency disputed, so that the
 * consensus has real work to do. An answer asked twice is the same answer.
 */
public final class OfflineSourceStub implements AutoCloseable {

  /** Every source type the stub serves: those whose package plays its provider offline. */
  static final List<String> SERVED =
      SourceTypes.all().stream()
          .map(SourceType::id)
          .filter(id -> SourceTypes.samples(id).isPresent())
          .toList();

  private static final OfflineMarkets MARKETS = OfflineMarkets.standard();

  private final HttpServer server;
  private final Clock clock;
  private final AtomicInteger served = new AtomicInteger();

  public OfflineSourceStub(Clock clock) {
    this.clock = clock;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the offline source stub on loopback", e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** Whether the stub serves sources of {@code type}. */
  public static boolean serves(String type) {
    return SERVED.contains(type);
  }

  /** Where the stub answers: each type below it at {@code /<type>}. */
  public String rootUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The base URL to configure for a source of {@code type}. */
  public String baseUrl(String type) {
    return baseUrl(rootUrl(), type);
  }

  /** The base URL of {@code type}'s answers on a stub answering at {@code root}. */
  static String baseUrl(String root, String type) {
    return root + "/" + type;
  }

  /**
   * The market as sources of {@code type} see it today, in the stub's clock and the provider's own
   * time zone: an adapter east of UTC asks for its own date, the next UTC day after its midnight,
   * and a provider has published that day's list (or not, on its weekend) where it is.
   */
  public OfflineMarket market(String type) {
    SourceType sourceType = SourceTypes.type(type).orElseThrow();
    LocalDate today =
        sourceType
            .publication()
            .map(p -> LocalDate.now(clock.withZone(p.zone())))
            .orElseGet(() -> LocalDate.now(clock));
    return MARKETS.market(sourceType, SourceTypes.samples(type).orElseThrow(), today);
  }

  /** The reference EUR→X every answer is made from (null for a currency the market lacks). */
  BigDecimal referenceRate(String currency) {
    return MARKETS.reference(currency);
  }

  /** The currency two official groups quote 2–3 % apart. */
  String disputed() {
    return MARKETS.disputed();
  }

  /** How many answers were served so far. */
  public int served() {
    return served.get();
  }

  /**
   * The answer to a request below {@code type}'s base URL, exactly as served over HTTP; null for a
   * path its provider does not serve.
   */
  public OfflineReply answer(String type, OfflineRequest request) {
    if (!serves(type)) {
      return null;
    }
    return SourceTypes.samples(type).orElseThrow().answer(request, market(type)).orElse(null);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      int slash = path.indexOf('/', 1);
      String type = slash < 0 ? path.substring(1) : path.substring(1, slash);
      String rest = slash < 0 ? "" : path.substring(slash);
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      OfflineReply reply =
          answer(
              type,
              new OfflineRequest(
                  rest,
                  query(exchange.getRequestURI().getRawQuery()),
                  body.isEmpty() ? null : body));
      if (reply == null) {
        send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
        return;
      }
      served.incrementAndGet();
      send(exchange, reply.status(), reply.contentType(), reply.body());
    } catch (RuntimeException e) {
      // a sample that cannot answer is the stub's fault: say so as the provider's 500 would
      send(exchange, 500, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        if (!name.isEmpty()) {
          params.put(
              URLDecoder.decode(name, StandardCharsets.UTF_8),
              URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * Offline, the keyed types run too, with this placeholder key (the stub asks for none): written
   * into the data folder, so that the extractor reads it as it reads a real one.
   */
  static Path placeholderKey(Path dataDir) {
    try {
      Path folder = dataDir.toAbsolutePath().normalize();
      Path key = folder.resolve("offline-placeholder.key");
      Files.createDirectories(folder);
      Files.writeString(key, "offline-placeholder\n");
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the offline placeholder key in " + dataDir, e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
