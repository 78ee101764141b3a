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
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves sample answers of every source type on loopback so that the pipeline runs without
 * internet. Frankfurter's (at {@code /v1/}) are the project's own file in its v1 format; its date
 * is the most recent weekday (ECB publishes on business days), or the date asked for in {@code
 * /v1/{date}}; {@code /v1/{from}..{to}} answers the range shape (for a backfill). Every other type
 * is served under {@code /<type>/} at its own paths, in its own format, by {@link OfflineAnswers}:
 * the same rates seen a few basis points apart, with each provider's holidays, and some days a
 * source off, so that the consensus has real work to do.
 */
public final class OfflineSourceStub implements AutoCloseable {

  private static final Pattern DATE_PATH = Pattern.compile("/v1/(\\d{4}-\\d{2}-\\d{2})/?");
  private static final Pattern RANGE_PATH =
      Pattern.compile("/v1/(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})/?");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private final HttpServer server;
  private final String template;
  private final Clock clock;
  private final AtomicInteger served = new AtomicInteger();
  private final OfflineAnswers answers;

  /** The source types served, besides Frankfurter at the root. */
  static final List<String> TYPES =
      List.of("ecb", "exchangerate-api", "boc", "cnb", "nbp", "bnr", "boe", "cbr");

  public OfflineSourceStub(Clock clock) {
    this.clock = clock;
    this.template = resource("/offline/frankfurter/latest.json");
    this.answers = new OfflineAnswers(reference(template));
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the offline source stub on loopback", e);
    }
    server.createContext("/v1/", this::answer);
    for (String type : TYPES) {
      server.createContext("/" + type + "/", exchange -> answer(type, exchange));
    }
    server.start();
  }

  /** Every source type served, Frankfurter first. */
  static final List<String> SERVED =
      java.util.stream.Stream.concat(java.util.stream.Stream.of("frankfurter"), TYPES.stream())
          .toList();

  /** The base URL to configure for a source of {@code type}. */
  public String baseUrl(String type) {
    return baseUrl(frankfurterBaseUrl(), type);
  }

  /** The base URL of {@code type}'s answers on a stub answering at {@code root}. */
  static String baseUrl(String root, String type) {
    return type.equals("frankfurter") ? root : root + "/" + type;
  }

  /**
   * The sample's EUR→X that every type's answers are made from (null for a currency none quotes).
   */
  BigDecimal referenceRate(String currency) {
    return answers.referenceRate(currency);
  }

  /** Whether the stub serves sources of {@code type}. */
  public static boolean serves(String type) {
    return type.equals("frankfurter") || TYPES.contains(type);
  }

  private static Map<String, BigDecimal> reference(String template) {
    try {
      Map<String, BigDecimal> rates = new TreeMap<>();
      JSON.readTree(template.replace("${date}", "2026-01-01"))
          .get("rates")
          .properties()
          .forEach(e -> rates.put(e.getKey(), e.getValue().decimalValue()));
      return rates;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Pattern NBP_DAY =
      Pattern.compile("/nbp/exchangerates/tables/A/(\\d{4}-\\d{2}-\\d{2})/");
  private static final Pattern NBP_RANGE =
      Pattern.compile("/nbp/exchangerates/tables/A/(\\d{4}-\\d{2}-\\d{2})/(\\d{4}-\\d{2}-\\d{2})/");
  private static final Pattern BNR_YEAR =
      Pattern.compile("/bnr/files/xml/years/nbrfxrates(\\d{4})\\.xml");

  private void answer(String type, HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    LocalDate today = LocalDate.now(clock);
    List<LocalDate> days =
        switch (type) {
          case "ecb" ->
              path.endsWith("/eurofxref-daily.xml")
                  ? List.of(answers.latest("ecb", today))
                  : path.endsWith("/eurofxref-hist-90d.xml")
                      ? answers.days("ecb", today.minusDays(90), today)
                      : path.endsWith("/eurofxref-hist.xml")
                          ? answers.days("ecb", LocalDate.of(today.getYear() - 2, 1, 1), today)
                          : null;
          case "boc" ->
              !path.endsWith("/observations/group/FX_RATES_DAILY/json")
                  ? null
                  : query.containsKey("recent")
                      ? List.of(answers.latest("boc", today))
                      : answers.days(
                          "boc",
                          LocalDate.parse(query.get("start_date")),
                          LocalDate.parse(query.get("end_date")));
          case "cnb" ->
              path.endsWith("/exrates/daily-year")
                  ? answers.days(
                      "cnb",
                      LocalDate.of(Integer.parseInt(query.get("year")), 1, 1),
                      min(today, LocalDate.of(Integer.parseInt(query.get("year")), 12, 31)))
                  : path.endsWith("/exrates/daily")
                      ? List.of(
                          answers.latest(
                              "cnb",
                              query.containsKey("date")
                                  ? LocalDate.parse(query.get("date"))
                                  : today))
                      : null;
          case "nbp" -> nbpDays(path, today);
          case "bnr" ->
              path.endsWith("/nbrfxrates.xml")
                  ? List.of(answers.latest("bnr", today))
                  : bnrYear(path, today);
          case "exchangerate-api" -> path.endsWith("/v6/latest/USD") ? List.of(today) : null;
          case "boe" ->
              path.endsWith("/_iadb-fromshowcolumns.asp")
                  ? answers.days(
                      "boe",
                      boeDate(query.get("Datefrom")),
                      min(today, boeDate(query.get("Dateto"))))
                  : null;
          // the list in effect on date_req was set the business day before (answers.cbr dates it
          // the day after that)
          case "cbr" ->
              path.endsWith("/XML_daily.asp")
                  ? List.of(
                      answers.latest(
                          "cbr",
                          query.containsKey("date_req")
                              ? LocalDate.parse(
                                      query.get("date_req"),
                                      java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"))
                                  .minusDays(1)
                              : today))
                  : null;
          default -> null;
        };
    if (days == null) {
      send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (type.equals("nbp") && days.isEmpty()) {
      send(
          exchange,
          404,
          "text/plain",
          "404 NotFound - Not Found - Brak danych".getBytes(StandardCharsets.UTF_8));
      return;
    }
    served.incrementAndGet();
    switch (type) {
      case "ecb" -> send(exchange, 200, "text/xml", answers.ecb(days));
      case "boc" -> send(exchange, 200, "application/json", answers.boc(days));
      case "cnb" -> send(exchange, 200, "application/json", answers.cnb(days));
      case "nbp" -> send(exchange, 200, "application/json", answers.nbp(days));
      case "bnr" -> send(exchange, 200, "text/xml", answers.bnr(days));
      case "boe" -> send(exchange, 200, "text/csv", answers.boe(days));
      case "cbr" ->
          send(
              exchange, 200, "application/xml; charset=windows-1251", answers.cbr(days.getFirst()));
      default -> send(exchange, 200, "application/json", answers.exchangeRateApi(days.getFirst()));
    }
  }

  private List<LocalDate> nbpDays(String path, LocalDate today) {
    Matcher range = NBP_RANGE.matcher(path);
    if (range.matches()) {
      return answers.days("nbp", LocalDate.parse(range.group(1)), LocalDate.parse(range.group(2)));
    }
    Matcher day = NBP_DAY.matcher(path);
    if (day.matches()) {
      return answers.days("nbp", LocalDate.parse(day.group(1)), LocalDate.parse(day.group(1)));
    }
    return path.equals("/nbp/exchangerates/tables/A/")
        ? List.of(answers.latest("nbp", today))
        : null;
  }

  private List<LocalDate> bnrYear(String path, LocalDate today) {
    Matcher year = BNR_YEAR.matcher(path);
    if (!year.matches()) {
      return null;
    }
    int y = Integer.parseInt(year.group(1));
    return answers.days("bnr", LocalDate.of(y, 1, 1), min(today, LocalDate.of(y, 12, 31)));
  }

  private static LocalDate boeDate(String text) {
    return LocalDate.parse(
        text,
        java.time.format.DateTimeFormatter.ofPattern("dd/MMM/yyyy", java.util.Locale.ENGLISH));
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    return params;
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

  /**
   * Frankfurter's range shape: the sample's rates on every weekday from {@code from} to {@code to}.
   */
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
      send(
          exchange,
          200,
          "application/json",
          rangeBody(LocalDate.parse(range.group(1)), LocalDate.parse(range.group(2))));
      return;
    }
    if (path.equals("/v1/latest") || path.equals("/v1/latest/")) {
      date = latestBusinessDay();
    } else if (m.matches()) {
      date = LocalDate.parse(m.group(1));
    } else {
      send(
          exchange,
          404,
          "application/json",
          "{\"message\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    served.incrementAndGet();
    send(exchange, 200, "application/json", bodyFor(date));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
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
