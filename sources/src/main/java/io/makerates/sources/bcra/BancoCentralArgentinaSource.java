package io.makerates.sources.bcra;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import io.makerates.sources.JsonAnswers;
import io.makerates.sources.KeylessRateSource;
import io.makerates.sources.ProviderError;
import io.makerates.sources.SampleAnswers;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypeProvider;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Banco Central de la República Argentina, exchange statistics API v1.0: {@code /Cotizaciones}
 * lists every currency of the newest day, {@code ?fecha=YYYY-MM-DD} those of one day. The range
 * endpoint ({@code /Cotizaciones/{moneda}}) takes one currency at a time, so history is asked one
 * day per request: a backfill runs in ISOLATED mode or with chunks of one day. Keyless; ARS per
 * unit (per 1000 where the description says so). A holiday answers 200 with {@code "fecha":null};
 * errors are {@code {"status":400,"errorMessages":[…]}}.
 */
public final class BancoCentralArgentinaSource extends KeylessRateSource {

  public static final String TYPE = "bcra";
  public static final String DEFAULT_BASE_URL =
      "https://api.bcra.gob.ar/estadisticascambiarias/v1.0";
  public static final String BASE = "ARS";

  /**
   * The day's quotes follow the "Comunicación A 3500" reference, fixed a little after 15:00 Buenos
   * Aires time on Argentine business days.
   */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "BCRA",
          new BancoCentralArgentinaParser(),
          config -> new BancoCentralArgentinaSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(
              SourceType.Publication.at("15:30", "America/Argentina/Buenos_Aires", "18:30")));

  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  public BancoCentralArgentinaSource(URI baseUrl) {
    super(TYPE, baseUrl);
  }

  @Override
  public SourceRequest latest() {
    return new SourceRequest(
        URI.create(baseUrl + "/Cotizaciones"), "GET", HEADERS, Map.of(), null, null, "v1.0");
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return new SourceRequest(
        URI.create(baseUrl + "/Cotizaciones?fecha=" + date),
        "GET",
        HEADERS,
        Map.of("fecha", date.toString()),
        date,
        date,
        "v1.0");
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    if (!from.equals(to)) {
      throw new UnsupportedOperationException(
          "BCRA lists every currency one day per request, not "
              + from
              + ".."
              + to
              + ": backfill it with --mode ISOLATED (or --chunk-days 1)");
    }
    return day(from);
  }

  @Override
  public int longestRangeDays() {
    return 1;
  }

  /**
   * A 2xx answer holds a {@code results} object; {@code "fecha":null} in it is a day without quotes
   * (a holiday). Errors carry {@code errorMessages}, whatever the status.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    JsonNode root = JsonAnswers.tree(body);
    JsonNode messages = root.path("errorMessages");
    if (messages.isArray() && !messages.isEmpty()) {
      return status == 429 || status >= 500
          ? Optional.empty()
          : Optional.of(ProviderError.other(messages.get(0).asText()));
    }
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    Optional<String> problem = JsonAnswers.objectProblem(body);
    if (problem.isPresent()) {
      return problem.map(ProviderError::malformed);
    }
    JsonNode results = root.path("results");
    if (!results.isObject() || !results.path("detalle").isArray()) {
      return Optional.of(ProviderError.malformed("no results object with a detalle array"));
    }
    return results.path("fecha").isNull() || results.path("fecha").isMissingNode()
        ? Optional.of(ProviderError.noData("no quotes on the day asked (an Argentine holiday)"))
        : Optional.empty();
  }

  /** The answer's {@code fecha}. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    String fecha = JsonAnswers.tree(body).path("results").path("fecha").asText("");
    return newest(List.of(fecha), DateTimeFormatter.ISO_LOCAL_DATE);
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
      return Optional.of(new BcraSamples());
    }
  }
}
