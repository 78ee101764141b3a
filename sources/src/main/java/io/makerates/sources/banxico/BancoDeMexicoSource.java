package io.makerates.sources.banxico;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import io.makerates.sources.BaseUrl;
import io.makerates.sources.JsonAnswers;
import io.makerates.sources.KeylessRateSource;
import io.makerates.sources.ProviderError;
import io.makerates.sources.RateSource;
import io.makerates.sources.SampleAnswers;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypeProvider;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Banco de México, SIE API v1: {@code /series/{ids}/datos/{from}/{to}} gives the listed series over
 * a date window, {@code /series/{ids}/datos/oportuno} each one's latest value. The series are the
 * FIX (USD) and the peso quotes of EUR, GBP, JPY and CAD ({@link BancoDeMexicoParser#SERIES}), all
 * in one request. MXN per unit.
 *
 * <p><b>Keyed, and not on by default:</b> every request carries a token in the {@code Bmx-Token}
 * header, written as {@link SourceRequest#API_KEY_SLOT} for the fetcher to fill in. Errors are
 * {@code {"error":{"mensaje","detalle"}}}: a missing or wrong token (HTTP 401) is a refused key.
 */
public final class BancoDeMexicoSource implements RateSource {

  public static final String TYPE = "banxico";
  public static final String DEFAULT_BASE_URL = "https://www.banxico.org.mx/SieAPIRest/service/v1";
  public static final String BASE = "MXN";

  /** The FIX is determined at noon Mexico City time on Mexican business days. */
  public static final SourceType SOURCE_TYPE =
      new SourceType(
          TYPE,
          "BANXICO",
          new BancoDeMexicoParser(),
          config -> new BancoDeMexicoSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          null,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("12:30", "America/Mexico_City", "15:00")),
          "10000/day");

  /** In the order the recorded request lists them. */
  static final List<String> SERIES_IDS =
      List.of("SF43718", "SF46410", "SF46407", "SF46406", "SF60632");

  private static final Map<String, String> HEADERS =
      Map.of("Accept", "application/json", "Bmx-Token", SourceRequest.API_KEY_SLOT);

  private final String baseUrl;

  public BancoDeMexicoSource(URI baseUrl) {
    this.baseUrl = BaseUrl.withoutTrailingSlash(baseUrl);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean usesApiKey() {
    return true;
  }

  @Override
  public SourceRequest latest() {
    return request("/oportuno", Map.of("series", String.join(",", SERIES_IDS)), null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return range(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    KeylessRateSource.requireOrdered(from, to);
    return request(
        "/" + from + "/" + to,
        Map.of(
            "series", String.join(",", SERIES_IDS), "from", from.toString(), "to", to.toString()),
        from,
        to);
  }

  @Override
  public int longestRangeDays() {
    return 366;
  }

  /**
   * The SIE's error object decides: a token refused (HTTP 401, or a message about the token) hands
   * over to other sources, a 429 or 5xx is left to the status rules, anything else is the
   * provider's word. A 2xx answer must hold {@code bmx.series}.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    JsonNode root = JsonAnswers.tree(body);
    JsonNode error = root.path("error");
    if (error.isObject()) {
      String message = error.path("mensaje").asText("") + " " + error.path("detalle").asText("");
      if (status == 401 || message.toLowerCase(Locale.ROOT).contains("token")) {
        return Optional.of(ProviderError.keyRejected(message.strip()));
      }
      return status == 429 || status >= 500
          ? Optional.empty()
          : Optional.of(ProviderError.other(message.strip()));
    }
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    Optional<String> problem = JsonAnswers.objectProblem(body);
    if (problem.isPresent()) {
      return problem.map(ProviderError::malformed);
    }
    return root.path("bmx").path("series").isArray()
        ? Optional.empty()
        : Optional.of(ProviderError.malformed("a JSON object without bmx.series"));
  }

  /** The newest {@code fecha} of any series. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    List<String> dates = new ArrayList<>();
    for (JsonNode series : JsonAnswers.tree(body).path("bmx").path("series")) {
      for (JsonNode datum : series.path("datos")) {
        if (!BancoDeMexicoParser.NO_VALUE.equals(datum.path("dato").asText())) {
          dates.add(datum.path("fecha").asText(""));
        }
      }
    }
    return KeylessRateSource.newest(dates, BancoDeMexicoParser.DATE);
  }

  private SourceRequest request(
      String window, Map<String, String> params, LocalDate from, LocalDate to) {
    return new SourceRequest(
        URI.create(baseUrl + "/series/" + String.join(",", SERIES_IDS) + "/datos" + window),
        "GET",
        HEADERS,
        params,
        from,
        to,
        "v1");
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
      return Optional.of(new BancoDeMexicoSamples());
    }
  }
}
