package io.makerates.sources.boj;

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
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bank of Japan, Time-Series Data Search API: {@code /getDataCode} of database FM08 with the series
 * FXERD04 (yen per US dollar) and FXERD34 (US dollars per euro), 17:00 Tokyo market rates. The date
 * bounds are months ({@code startDate=202603}), so a day or range asks for its whole months and the
 * requested dates say which days are wanted; "latest" asks for the previous and the current month,
 * so the newest day is in it on the 1st too. Keyless; only these two pairs, USD-based.
 */
public final class BankOfJapanSource extends KeylessRateSource {

  public static final String TYPE = "boj";
  public static final String DEFAULT_BASE_URL = "https://www.stat-search.boj.or.jp/api/v1";
  public static final String BASE = "USD";

  /**
   * The 17:00 rates of a day are in the API the next morning (a recording at 04:23 Tokyo did not
   * yet have the previous day).
   */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "BOJ",
          new BankOfJapanParser(),
          config -> new BankOfJapanSource(config.baseUrl(), Clock.systemUTC()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("09:00", "Asia/Tokyo", "11:30")));

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");
  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final Clock clock;

  public BankOfJapanSource(URI baseUrl, Clock clock) {
    super(TYPE, baseUrl);
    this.clock = clock;
  }

  @Override
  public SourceRequest latest() {
    LocalDate today = LocalDate.now(clock);
    return request(today.minusMonths(1), today, null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return range(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    requireOrdered(from, to);
    return request(from, to, from, to);
  }

  @Override
  public int longestRangeDays() {
    return 366;
  }

  /**
   * Errors come as JSON with a {@code STATUS} other than 200 (and a {@code MESSAGEID} ending in E);
   * a 2xx body that is no JSON object is malformed.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    JsonNode root = JsonAnswers.tree(body);
    JsonNode answerStatus = root.path("STATUS");
    if (answerStatus.isNumber() && answerStatus.asInt() != 200) {
      return Optional.of(
          ProviderError.other(
              root.path("MESSAGEID").asText() + ": " + root.path("MESSAGE").asText()));
    }
    if (status >= 200 && status < 300) {
      Optional<String> problem = JsonAnswers.objectProblem(body);
      if (problem.isPresent()) {
        return problem.map(ProviderError::malformed);
      }
      return root.path("RESULTSET").isArray()
          ? Optional.empty()
          : Optional.of(ProviderError.malformed("a JSON object without a RESULTSET"));
    }
    return Optional.empty();
  }

  /** The newest survey date with a value in any series. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    List<String> dates = new ArrayList<>();
    for (JsonNode series : JsonAnswers.tree(body).path("RESULTSET")) {
      JsonNode surveyDates = series.path("VALUES").path("SURVEY_DATES");
      JsonNode values = series.path("VALUES").path("VALUES");
      for (int i = 0; i < surveyDates.size() && i < values.size(); i++) {
        if (!values.get(i).isNull()) {
          dates.add(surveyDates.get(i).asText());
        }
      }
    }
    return newest(dates, BankOfJapanParser.DATE);
  }

  private SourceRequest request(
      LocalDate monthFrom, LocalDate monthTo, LocalDate from, LocalDate to) {
    // in the order of the recorded request
    Map<String, String> params = new LinkedHashMap<>();
    params.put("code", "FXERD04,FXERD34");
    params.put("db", "FM08");
    params.put("endDate", MONTH.format(monthTo));
    params.put("format", "json");
    params.put("lang", "en");
    params.put("startDate", MONTH.format(monthFrom));
    return new SourceRequest(
        URI.create(baseUrl + "/getDataCode" + BaseUrl.query(params)),
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
      return Optional.of(new BojSamples());
    }
  }
}
