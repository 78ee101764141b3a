package io.makerates.sources.boc;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import io.makerates.sources.BaseUrl;
import io.makerates.sources.JsonAnswers;
import io.makerates.sources.KeylessRateSource;
import io.makerates.sources.ProviderError;
import io.makerates.sources.SampleAnswers;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypeProvider;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bank of Canada Valet, group {@code FX_RATES_DAILY}: one series per currency ({@code
 * FXUSDCAD}...), each the CAD price of one unit, so the base is always CAD. {@code recent=1} gives
 * the last published day; {@code start_date} and {@code end_date} (both inclusive) a day or a
 * range. Values are strings; streams-app reads them.
 */
public final class BankOfCanadaSource extends KeylessRateSource {

  public static final String TYPE = "boc";
  public static final String DEFAULT_BASE_URL = "https://www.bankofcanada.ca/valet";
  public static final String BASE = "CAD";

  /** Valet publishes the day's rates at about 16:30 Toronto time on Canadian business days. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "BOC",
          new BankOfCanadaParser(),
          config -> new BankOfCanadaSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.empty());

  static final String GROUP_PATH = "/observations/group/FX_RATES_DAILY/json";

  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  public BankOfCanadaSource(URI baseUrl) {
    super(TYPE, baseUrl);
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
    requireOrdered(from, to);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("start_date", from.toString());
    params.put("end_date", to.toString());
    return request(params, from, to);
  }

  /**
   * Valet answers an unknown group or a bad date with a 404 or 400 and {@code {"message":"..."}}; a
   * 2xx answer must be a JSON object with an {@code observations} array (empty when no day in the
   * range was published).
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status >= 200 && status < 300) {
      Optional<String> problem = JsonAnswers.objectProblem(body);
      if (problem.isPresent()) {
        return problem.map(ProviderError::malformed);
      }
      return JsonAnswers.tree(body).path("observations").isArray()
          ? Optional.empty()
          : Optional.of(ProviderError.malformed("a JSON object without an observations array"));
    }
    if (status != 400 && status != 404) {
      return Optional.empty();
    }
    JsonNode message = JsonAnswers.tree(body).path("message");
    return message.isTextual()
        ? Optional.of(ProviderError.other(message.asText()))
        : Optional.empty();
  }

  /**
   * The newest observation's {@code d}; observations are listed oldest first, so this is normally
   * the last one.
   */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    JsonNode observations = JsonAnswers.tree(body).path("observations");
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
    // Valet has no API version in its paths: sourceVersion stays empty
    return new SourceRequest(
        URI.create(baseUrl + GROUP_PATH + BaseUrl.query(params)),
        "GET",
        HEADERS,
        params,
        from,
        to,
        null);
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
      return Optional.of(new BankOfCanadaSamples());
    }
  }
}
