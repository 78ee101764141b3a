package io.makerates.sources.banrep;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.JsonAnswers;
import io.makerates.sources.KeylessRateSource;
import io.makerates.sources.ProviderError;
import io.makerates.sources.SampleAnswers;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypeProvider;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Banco de la República, Colombia: the TRM (Tasa Representativa del Mercado, COP per USD), as the
 * Socrata open-data API of datos.gov.co serves it, dataset {@code 32sa-8pi3}, filtered on {@code
 * vigenciadesde}. The parser files a TRM under the day before it comes into force, so the rates of
 * days D1..D2 are asked as the records in force from D1 + 1 to D2 + 1. The "latest" request asks
 * for the records of the last week and the next days (tomorrow's TRM is out this evening). Keyless;
 * USD only. Errors are Socrata's {@code {"error":true,"message":…}}.
 */
public final class BancoDeLaRepublicaSource extends KeylessRateSource {

  public static final String TYPE = "banrep";
  public static final String DEFAULT_BASE_URL = "https://www.datos.gov.co/resource";
  public static final String BASE = "COP";

  /** The TRM for the next day is certified in the afternoon of a Colombian business day. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "BANREP",
          new BancoDeLaRepublicaParser(),
          config -> new BancoDeLaRepublicaSource(config.baseUrl(), Clock.systemUTC()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("18:00", "America/Bogota", "21:00")));

  static final String DATASET = "/32sa-8pi3.json";
  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final Clock clock;

  public BancoDeLaRepublicaSource(URI baseUrl, Clock clock) {
    super(TYPE, baseUrl);
    this.clock = clock;
  }

  @Override
  public SourceRequest latest() {
    LocalDate today = LocalDate.now(clock);
    // the TRM in force from D observes the market day before it: four days of validity back reach
    // a market day five days old, past a long weekend, and none older than streams-app takes from
    // a latest answer (MAKERATES_VALIDATION_STALE_LATEST_DAYS)
    return request(today.minusDays(4), today.plusDays(3), null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return range(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    requireOrdered(from, to);
    return request(from.plusDays(1), to.plusDays(1), from, to);
  }

  @Override
  public int longestRangeDays() {
    return 366;
  }

  /**
   * A 2xx answer is a JSON array, empty when no TRM came into force in the window; Socrata reports
   * errors as an object with {@code "error":true}.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    JsonNode root = JsonAnswers.tree(body);
    if (root.path("error").asBoolean(false)) {
      return status == 429 || status >= 500
          ? Optional.empty()
          : Optional.of(ProviderError.other(root.path("message").asText("error")));
    }
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    if (!root.isArray()) {
      return Optional.of(ProviderError.malformed("expected a JSON array of TRM records"));
    }
    return root.isEmpty()
        ? Optional.of(ProviderError.noData("no TRM came into force in the dates asked"))
        : Optional.empty();
  }

  /** The newest record's market day ({@code vigenciadesde} − 1, as the parser files it). */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    LocalDate newest = null;
    int index = 0;
    for (JsonNode record : JsonAnswers.tree(body)) {
      try {
        LocalDate day = BancoDeLaRepublicaParser.observedDay(record, index++);
        newest = newest == null || day.isAfter(newest) ? day : newest;
      } catch (AnswerRejectedException unreadable) {
        // another record may still say it
      }
    }
    return Optional.ofNullable(newest);
  }

  private SourceRequest request(
      LocalDate inForceFrom, LocalDate inForceTo, LocalDate from, LocalDate to) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("$limit", "50000");
    params.put("$order", "vigenciadesde ASC");
    params.put(
        "$where",
        "vigenciadesde>='"
            + inForceFrom
            + "T00:00:00.000' AND vigenciadesde<='"
            + inForceTo
            + "T00:00:00.000'");
    // SoQL's quotes, spaces and comparison signs are escaped, as the recorded request has them
    String query =
        "?$limit=50000&$order=vigenciadesde%20ASC&$where=vigenciadesde%3E=%27"
            + inForceFrom
            + "T00:00:00.000%27%20AND%20vigenciadesde%3C=%27"
            + inForceTo
            + "T00:00:00.000%27";
    return new SourceRequest(
        URI.create(baseUrl + DATASET + query), "GET", HEADERS, params, from, to, null);
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
      return Optional.of(new BanrepSamples());
    }
  }
}
