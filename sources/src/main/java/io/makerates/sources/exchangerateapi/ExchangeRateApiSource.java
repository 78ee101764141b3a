package io.makerates.sources.exchangerateapi;

import com.google.auto.service.AutoService;
import io.makerates.sources.BaseUrl;
import io.makerates.sources.ProviderError;
import io.makerates.sources.RateSource;
import io.makerates.sources.SampleAnswers;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypeProvider;
import java.net.URI;
import java.time.LocalDate;
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
   * An {@code error-type}, or an answer that is no success, read by {@code ExchangeRateApiAnswer}.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    return ExchangeRateApiAnswer.providerError(status, body);
  }

  /** The day the answer's rates are for, read by {@code ExchangeRateApiAnswer}. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    return ExchangeRateApiAnswer.date(body);
  }

  private SourceRequest request(
      String path, Map<String, String> params, LocalDate from, LocalDate to) {
    String prefix = keyed ? "/" + VERSION + "/" + SourceRequest.API_KEY_SLOT : "/" + VERSION;
    return new SourceRequest(
        URI.create(baseUrl + prefix + path), "GET", HEADERS, params, from, to, VERSION);
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
