package io.makerates.extractor.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bank of Canada Valet, group {@code FX_RATES_DAILY}: one series per currency ({@code FXUSDCAD}...), each the CAD
 * price of one unit, so the base is always CAD. {@code recent=1} gives the last published day; {@code start_date} and
 * {@code end_date} (both inclusive) a day or a range. Values are strings; streams-app reads them.
 */
public final class BankOfCanadaSource implements RateSource {

  public static final String TYPE = "boc";
  public static final String DEFAULT_BASE_URL = "https://www.bankofcanada.ca/valet";
  public static final String BASE = "CAD";
  static final String GROUP_PATH = "/observations/group/FX_RATES_DAILY/json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final String baseUrl;

  public BankOfCanadaSource(URI baseUrl) {
    this.baseUrl = BaseUrl.withoutTrailingSlash(baseUrl);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SourceRequest latest() {
    return request(Map.of("recent", "1"), null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return range(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("range " + from + ".." + to + " ends before it starts");
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("start_date", from.toString());
    params.put("end_date", to.toString());
    return request(params, from, to);
  }

  /**
   * Valet answers an unknown group or a bad date with a 404 or 400 and {@code {"message":"..."}}; a 2xx answer must be
   * a JSON object with an {@code observations} array (empty when no day in the range was published).
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status >= 200 && status < 300) {
      Optional<String> problem = JsonAnswers.objectProblem(body);
      if (problem.isPresent()) {
        return problem.map(ProviderError::malformed);
      }
      return parse(body).path("observations").isArray()
          ? Optional.empty()
          : Optional.of(ProviderError.malformed("a JSON object without an observations array"));
    }
    if (status != 400 && status != 404) {
      return Optional.empty();
    }
    JsonNode message = parse(body).path("message");
    return message.isTextual() ? Optional.of(ProviderError.other(message.asText())) : Optional.empty();
  }

  /** The newest observation's {@code d}; observations are listed oldest first, so this is normally the last one. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    JsonNode observations = parse(body).path("observations");
    if (!observations.isArray()) {
      return Optional.empty();
    }
    LocalDate newest = null;
    for (JsonNode observation : observations) {
      JsonNode d = observation.path("d");
      if (d.isTextual()) {
        try {
          LocalDate date = LocalDate.parse(d.asText().strip());
          newest = newest == null || date.isAfter(newest) ? date : newest;
        } catch (DateTimeParseException notADate) {
          // another observation may still say it
        }
      }
    }
    return Optional.ofNullable(newest);
  }

  private SourceRequest request(Map<String, String> params, LocalDate from, LocalDate to) {
    StringBuilder query = new StringBuilder();
    params.forEach((name, value) -> query.append(query.isEmpty() ? '?' : '&').append(name).append('=').append(value));
    // Valet has no API version in its paths: sourceVersion stays empty
    return new SourceRequest(URI.create(baseUrl + GROUP_PATH + query), "GET", HEADERS, params, from, to, null);
  }

  /** The body as JSON, or a missing node when it is none: lookups on it then find nothing. */
  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return JSON.missingNode();
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }
}
