package io.makerates.sources.bcch;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.BaseUrl;
import io.makerates.sources.JsonAnswers;
import io.makerates.sources.KeylessRateSource;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.ProviderError;
import io.makerates.sources.RateSource;
import io.makerates.sources.SampleAnswers;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypeProvider;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Banco Central de Chile, BDE web service {@code SieteRestWS.ashx?function=GetSeries}: one series
 * over {@code firstdate}..{@code lastdate} per request, so this type asks for the observed dollar
 * ({@code F073.TCO.PRE.Z.D}) only; the other currencies' series ({@code F072.CLP.XXX.N.O.D}) would
 * need a request each, and the parser reads them too.
 *
 * <p><b>Keyed, and not on by default:</b> the service wants a registered user (an e-mail) and its
 * password as the {@code user} and {@code pass} query parameters. The fetcher fills one key into
 * every {@link SourceRequest#API_KEY_SLOT}, URL-encoded, so the password is the key (written as the
 * slot in {@code pass}) and the user, an account name rather than a secret, is configured in the
 * source's base URL ({@code …/SieteRestWS.ashx?user=me%40example.cl}); without it the service
 * refuses the request as a wrong user, reported as a refused key.
 *
 * <p>The parser files a rate under the market day before its date, so market days D1..D2 are asked
 * as the dates D1 + 1 to D2 + 4 (the next banking day, over a weekend and a holiday). The "latest"
 * request asks for the last ten days. CLP per USD.
 */
public final class BancoCentralDeChileSource implements RateSource {

  public static final String TYPE = "bcch";
  public static final String DEFAULT_BASE_URL =
      "https://si3.bcentral.cl/SieteRestWS/SieteRestWS.ashx";
  public static final String BASE = "CLP";

  /**
   * The observed dollar of a banking day's trades is out in the Santiago afternoon of that day. No
   * quota is published for the service.
   */
  public static final SourceType SOURCE_TYPE =
      new SourceType(
          TYPE,
          "BCCH",
          new BancoCentralDeChileParser(),
          config -> new BancoCentralDeChileSource(config.baseUrl(), Clock.systemUTC()),
          DEFAULT_BASE_URL,
          null,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("14:00", "America/Santiago", "18:00")),
          "none");

  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final String baseUrl;
  private final Clock clock;

  public BancoCentralDeChileSource(URI baseUrl, Clock clock) {
    this.baseUrl = BaseUrl.withoutTrailingSlash(baseUrl);
    this.clock = clock;
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
    LocalDate today = LocalDate.now(clock);
    return request(today.minusDays(10), today, null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return range(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    KeylessRateSource.requireOrdered(from, to);
    return request(from.plusDays(1), to.plusDays(4), from, to);
  }

  @Override
  public int longestRangeDays() {
    return 366;
  }

  /**
   * Errors come with HTTP 200 and a {@code Codigo} other than 0: a wrong user or password is a
   * refused key, anything else the provider's error. A 2xx answer must be a BDE object.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    JsonNode root = JsonAnswers.tree(body);
    JsonNode code = root.path("Codigo");
    if (code.isNumber() && code.asInt() != 0) {
      String description = root.path("Descripcion").asText("");
      String lower = description.toLowerCase(Locale.ROOT);
      return lower.contains("user") || lower.contains("password") || lower.contains("usuario")
          ? Optional.of(ProviderError.keyRejected(code.asText() + ": " + description))
          : Optional.of(ProviderError.other(code.asText() + ": " + description));
    }
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    Optional<String> problem = JsonAnswers.objectProblem(body);
    if (problem.isPresent()) {
      return problem.map(ProviderError::malformed);
    }
    return code.isNumber() && root.path("Series").path("Obs").isArray()
        ? Optional.empty()
        : Optional.of(ProviderError.malformed("not a BDE answer with Codigo and Series.Obs"));
  }

  /** The newest market day the answer holds a value for, as the parser files it. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    try {
      return SOURCE_TYPE.parser().parse(body).stream()
          .map(ProviderDay::date)
          .reduce((a, b) -> a.isAfter(b) ? a : b);
    } catch (AnswerRejectedException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private SourceRequest request(LocalDate first, LocalDate last, LocalDate from, LocalDate to) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("firstdate", first.toString());
    params.put("function", "GetSeries");
    params.put("lastdate", last.toString());
    params.put("timeseries", BancoCentralDeChileParser.OBSERVED_DOLLAR);
    String query =
        "firstdate="
            + first
            + "&function=GetSeries&lastdate="
            + last
            + "&pass="
            + SourceRequest.API_KEY_SLOT
            + "&timeseries="
            + BancoCentralDeChileParser.OBSERVED_DOLLAR;
    // the configured base URL may carry the user as its query already
    String separator = baseUrl.contains("?") ? "&" : "?";
    return new SourceRequest(
        URI.create(baseUrl + separator + query), "GET", HEADERS, params, from, to, null);
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
      return Optional.of(new BancoCentralDeChileSamples());
    }
  }
}
