package io.makerates.sources.frankfurter;

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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Frankfurter (ECB reference rates republished as JSON): {@code /v1/latest}, {@code /v1/{date}} and
 * {@code /v1/{from}..{to}}, all EUR-based unless {@code base=} is given.
 */
public final class FrankfurterSource implements RateSource {

  public static final String TYPE = "frankfurter";
  public static final String DEFAULT_BASE_URL = "https://api.frankfurter.dev";

  /**
   * Frankfurter serves any base (it rebases the ECB's rates); it follows the ECB's publication, so
   * an interval suffices.
   */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "ECB",
          new FrankfurterParser(),
          config -> new FrankfurterSource(config.baseUrl(), config.base()),
          DEFAULT_BASE_URL,
          "EUR",
          false,
          Optional.empty());

  static final String VERSION = "v1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final String baseUrl;
  private final String base;

  public FrankfurterSource(URI baseUrl) {
    this(baseUrl, "EUR");
  }

  /**
   * @param base the base currency asked for; EUR (Frankfurter's own) sends no {@code base=}
   */
  public FrankfurterSource(URI baseUrl, String base) {
    this.baseUrl = BaseUrl.withoutTrailingSlash(baseUrl);
    this.base = base;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SourceRequest latest() {
    return request("/latest", Map.of(), null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return request("/" + date, Map.of("date", date.toString()), date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("range " + from + ".." + to + " ends before it starts");
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("from", from.toString());
    params.put("to", to.toString());
    return request("/" + from + ".." + to, params, from, to);
  }

  /**
   * Frankfurter answers a bad request (unknown date, currency) with a 4xx and {@code
   * {"message":"..."}}.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status >= 200 && status < 300) {
      return JsonAnswers.objectProblem(body).map(ProviderError::malformed);
    }
    if (status < 400 || status >= 500 || status == 429) {
      return Optional.empty();
    }
    try {
      JsonNode message = JSON.readTree(body).path("message");
      return message.isTextual()
          ? Optional.of(ProviderError.other(message.asText()))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code date} of a one-day answer; {@code end_date} of a range answer, the last day it covers.
   */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    try {
      JsonNode answer = JSON.readTree(body);
      if (answer == null || !answer.isObject()) {
        return Optional.empty();
      }
      JsonNode date = answer.hasNonNull("date") ? answer.path("date") : answer.path("end_date");
      return date.isTextual()
          ? Optional.of(LocalDate.parse(date.asText().strip()))
          : Optional.empty();
    } catch (IOException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private SourceRequest request(
      String path, Map<String, String> params, LocalDate from, LocalDate to) {
    if ("EUR".equals(base)) {
      return new SourceRequest(
          URI.create(baseUrl + "/" + VERSION + path), "GET", HEADERS, params, from, to, VERSION);
    }
    Map<String, String> withBase = new LinkedHashMap<>(params);
    withBase.put("base", base);
    return new SourceRequest(
        URI.create(baseUrl + "/" + VERSION + path + "?base=" + base),
        "GET",
        HEADERS,
        withBase,
        from,
        to,
        VERSION);
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
      return Optional.of(new FrankfurterSamples());
    }

    /** It serves the ECB's reference rates: by default it fails over to the ECB's own files. */
    @Override
    public boolean mirror() {
      return true;
    }
  }
}
