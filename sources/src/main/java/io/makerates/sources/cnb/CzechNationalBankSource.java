package io.makerates.sources.cnb;

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
 * Czech National Bank, {@code api.cnb.cz/cnbapi}: {@code /exrates/daily} is the latest fixing (with
 * {@code date=} the fixing of one day), {@code /exrates/daily-year?year=Y} every fixing of a year.
 * A range is therefore served by its year's file and asked for up to that year's end at most: a
 * range across a new year is cut there, and its later dates stay missing for the backfill's next
 * request. Keyless; CZK per {@code amount} units; streams-app reads it.
 */
public final class CzechNationalBankSource extends KeylessRateSource {

  public static final String TYPE = "cnb";
  public static final String DEFAULT_BASE_URL = "https://api.cnb.cz/cnbapi";
  public static final String BASE = "CZK";

  /** The fixing is declared after 14:30 Prague time on Czech business days. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "CNB",
          new CzechNationalBankParser(),
          config -> new CzechNationalBankSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("14:35", "Europe/Prague", "17:30")));

  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  public CzechNationalBankSource(URI baseUrl) {
    super(TYPE, baseUrl);
  }

  @Override
  public SourceRequest latest() {
    return request("/exrates/daily", Map.of("lang", "EN"), null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("date", date.toString());
    params.put("lang", "EN");
    return request("/exrates/daily", params, date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    requireOrdered(from, to);
    LocalDate yearEnd = LocalDate.of(from.getYear(), 12, 31);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("year", String.valueOf(from.getYear()));
    params.put("lang", "EN");
    return request("/exrates/daily-year", params, from, to.isAfter(yearEnd) ? yearEnd : to);
  }

  @Override
  public int longestRangeDays() {
    return 366;
  }

  /**
   * A 2xx answer is an object with a {@code rates} array; errors are {@code
   * {"description","errorCode"}}.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status >= 200 && status < 300) {
      Optional<String> problem = JsonAnswers.objectProblem(body);
      if (problem.isPresent()) {
        return problem.map(ProviderError::malformed);
      }
      return JsonAnswers.tree(body).path("rates").isArray()
          ? Optional.empty()
          : Optional.of(ProviderError.malformed("a JSON object without a rates array"));
    }
    JsonNode error = JsonAnswers.tree(body).path("errorCode");
    return error.isTextual()
        ? Optional.of(
            ProviderError.other(
                error.asText() + ": " + JsonAnswers.tree(body).path("description").asText("")))
        : Optional.empty();
  }

  /** The newest {@code validFor} of the answer. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    LocalDate newest = null;
    for (JsonNode rate : JsonAnswers.tree(body).path("rates")) {
      try {
        LocalDate date = LocalDate.parse(rate.path("validFor").asText(""));
        newest = newest == null || date.isAfter(newest) ? date : newest;
      } catch (DateTimeParseException notADate) {
        // another entry may still say it
      }
    }
    return Optional.ofNullable(newest);
  }

  private SourceRequest request(
      String path, Map<String, String> params, LocalDate from, LocalDate to) {
    return new SourceRequest(
        URI.create(baseUrl + path + BaseUrl.query(params)), "GET", HEADERS, params, from, to, null);
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
      return Optional.of(new CzechNationalBankSamples());
    }
  }
}
