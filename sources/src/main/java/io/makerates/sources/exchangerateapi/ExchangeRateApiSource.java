package io.makerates.sources.exchangerateapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auto.service.AutoService;
import io.makerates.sources.BaseUrl;
import io.makerates.sources.JsonAnswers;
import io.makerates.sources.ProviderError;
import io.makerates.sources.RateSource;
import io.makerates.sources.SampleAnswers;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypeProvider;
import java.io.IOException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * ExchangeRate-API v6, in one of two modes:
 *
 * <ul>
 *   <li>keyed ({@code v6.exchangerate-api.com}): {@code /v6/{key}/latest/{BASE}}, and {@code
 *       /v6/{key}/history/{BASE}/{yyyy}/{M}/{d}} for one past day, which only paid plans may call
 *       (a free key gets an error answer). The key sits in the URL path: requests hold {@link
 *       SourceRequest#API_KEY_SLOT} there and the fetcher fills the key in on the wire only.
 *       Answers list rates as {@code conversion_rates}.
 *   <li>open ({@code open.er-api.com}, no key): {@code /v6/latest/{BASE}} only, rates as {@code
 *       rates}.
 * </ul>
 *
 * <p>Neither has a range endpoint. Errors arrive as {@code {"result":"error","error-type":"..."}},
 * often with HTTP 200.
 */
public final class ExchangeRateApiSource implements RateSource {

  public static final String TYPE = "exchangerate-api";
  public static final String KEYED_BASE_URL = "https://v6.exchangerate-api.com";
  public static final String OPEN_BASE_URL = "https://open.er-api.com";
  public static final String DEFAULT_BASE = "USD";

  /**
   * The open endpoint without a key; the keyed v6 API, whose free tier allows 1,500 requests a
   * month, with one.
   */
  public static final SourceType SOURCE_TYPE =
      new SourceType(
          TYPE,
          "ERAPI",
          new ExchangeRateApiParser(),
          config -> new ExchangeRateApiSource(config.baseUrl(), config.base(), config.keyed()),
          OPEN_BASE_URL,
          KEYED_BASE_URL,
          DEFAULT_BASE,
          false,
          Optional.empty(),
          "1500/month");

  static final String VERSION = "v6";

  static final String NO_HISTORY =
      "open.er-api.com serves only the latest rates; use a keyed exchangerate-api source for history";
  static final String NO_RANGE =
      "exchangerate-api has no range endpoint; backfill a keyed source one day at a time (--mode ISOLATED)";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final String baseUrl;
  private final String base;
  private final boolean keyed;

  /**
   * @param base the currency the rates are quoted against, e.g. USD
   * @param keyed whether requests carry an API key: decides the endpoints (see the class comment)
   */
  public ExchangeRateApiSource(URI baseUrl, String base, boolean keyed) {
    this.baseUrl = BaseUrl.withoutTrailingSlash(baseUrl);
    this.base = base;
    this.keyed = keyed;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean usesApiKey() {
    return keyed;
  }

  @Override
  public SourceRequest latest() {
    return request("/latest/" + base, Map.of("base", base), null, null);
  }

  /**
   * Keyed only, and a paid plan only: the history endpoint takes year, month and day without
   * leading zeros.
   */
  @Override
  public SourceRequest day(LocalDate date) {
    if (!keyed) {
      throw new UnsupportedOperationException(NO_HISTORY);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("base", base);
    params.put("date", date.toString());
    return request(
        "/history/"
            + base
            + "/"
            + date.getYear()
            + "/"
            + date.getMonthValue()
            + "/"
            + date.getDayOfMonth(),
        params,
        date,
        date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    throw new UnsupportedOperationException(keyed ? NO_RANGE : NO_HISTORY);
  }

  /**
   * The provider's {@code error-type} decides: a spent quota and a refused key hand over to other
   * sources whatever the HTTP status. Any other error type is the provider's word on this request,
   * except on a 429 or 5xx, which are left to the status rules so that they are retried (after
   * Retry-After) as transient.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    JsonNode answer = parse(body);
    if (answer != null && "error".equals(answer.path("result").asText(null))) {
      String errorType = answer.path("error-type").asText("");
      switch (errorType) {
        case "quota-reached" -> {
          return Optional.of(
              ProviderError.quotaExhausted(
                  "quota-reached: the plan's requests for this period are spent"));
        }
        case "invalid-key", "inactive-account" -> {
          return Optional.of(ProviderError.keyRejected(errorType + ": the API key is refused"));
        }
        default -> {
          if (status == 429 || status >= 500) {
            return Optional.empty();
          }
          return Optional.of(
              ProviderError.other(
                  errorType.isEmpty()
                      ? "error without an error-type"
                      : "error-type " + shortened(errorType)));
        }
      }
    }
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    Optional<String> problem = JsonAnswers.objectProblem(body);
    if (problem.isPresent() || answer == null) {
      return Optional.of(ProviderError.malformed(problem.orElse("not a JSON object")));
    }
    String result = answer.path("result").asText(null);
    return "success".equals(result)
        ? Optional.empty()
        : Optional.of(
            ProviderError.malformed(
                "expected \"result\":\"success\", got "
                    + (result == null ? "no result" : "\"result\":\"" + shortened(result) + "\"")));
  }

  /**
   * A latest answer's date is the day of {@code time_last_update_utc} (an RFC 1123 date, e.g. "Sat,
   * 19 Sep 2026 00:02:31 +0000") in UTC, else of {@code time_last_update_unix}; a history answer
   * gives {@code year}, {@code month} and {@code day}.
   */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    JsonNode answer = parse(body);
    if (answer == null) {
      return Optional.empty();
    }
    JsonNode utc = answer.path("time_last_update_utc");
    if (utc.isTextual()) {
      try {
        return Optional.of(
            ZonedDateTime.parse(utc.asText().strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                .withZoneSameInstant(ZoneOffset.UTC)
                .toLocalDate());
      } catch (DateTimeException unreadable) {
        // the unix time below says the same
      }
    }
    JsonNode unix = answer.path("time_last_update_unix");
    if (unix.isIntegralNumber() && unix.canConvertToLong()) {
      try {
        return Optional.of(
            Instant.ofEpochSecond(unix.asLong()).atZone(ZoneOffset.UTC).toLocalDate());
      } catch (DateTimeException outOfRange) {
        return Optional.empty();
      }
    }
    JsonNode year = answer.path("year");
    JsonNode month = answer.path("month");
    JsonNode day = answer.path("day");
    if (year.isIntegralNumber() && month.isIntegralNumber() && day.isIntegralNumber()) {
      try {
        return Optional.of(LocalDate.of(year.asInt(), month.asInt(), day.asInt()));
      } catch (DateTimeException notADate) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private SourceRequest request(
      String path, Map<String, String> params, LocalDate from, LocalDate to) {
    String prefix = keyed ? "/" + VERSION + "/" + SourceRequest.API_KEY_SLOT : "/" + VERSION;
    return new SourceRequest(
        URI.create(baseUrl + prefix + path), "GET", HEADERS, params, from, to, VERSION);
  }

  /** The body as a JSON object, or null when it is none. */
  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String shortened(String text) {
    return text.length() > 100 ? text.substring(0, 100) + "..." : text;
  }

  /** Registers the type: the build lists it for {@link java.util.ServiceLoader}. */
  @AutoService(SourceTypeProvider.class)
  public static final class Registration implements SourceTypeProvider {

    @Override
    public SourceType sourceType() {
      return SOURCE_TYPE;
    }

    @Override
    public Optional<SampleAnswers> samples() {
      return Optional.of(new ExchangeRateApiSamples());
    }

    /** A commercial aggregator of unnamed sources: a voice, but no official one. */
    @Override
    public boolean official() {
      return false;
    }
  }
}
