package io.makerates.sources.hkma;

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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hong Kong Monetary Authority, the daily exchange rates of its Monthly Statistical Bulletin:
 * {@code /er-eeri-daily?choose=end_of_day&from=…&to=…&offset=0&pagesize=100&sortby=end_of_day
 * &sortorder=desc}, newest first, paged. "Latest" asks for the newest 31 records. Keyless; HKD per
 * unit. The dataset is filled once a month, about a month late, so it has no daily publication
 * time: a source of this type is polled on an interval, and its newest day is weeks old.
 */
public final class HongKongMonetaryAuthoritySource extends KeylessRateSource {

  public static final String TYPE = "hkma";
  public static final String DEFAULT_BASE_URL =
      "https://api.hkma.gov.hk/public/market-data-and-statistics/monthly-statistical-bulletin/er-ir";
  public static final String BASE = "HKD";

  /** No daily publication (see the class comment): polled on an interval. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "HKMA",
          new HongKongMonetaryAuthorityParser(),
          config -> new HongKongMonetaryAuthoritySource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.empty());

  static final int PAGE = 100;
  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  public HongKongMonetaryAuthoritySource(URI baseUrl) {
    super(TYPE, baseUrl);
  }

  @Override
  public SourceRequest latest() {
    return request(null, null, 31);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return range(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    requireOrdered(from, to);
    if (from.plusDays(longestRangeDays() - 1).isBefore(to)) {
      throw new IllegalArgumentException(
          "HKMA pages hold " + PAGE + " records, not the days of " + from + ".." + to);
    }
    return request(from, to, PAGE);
  }

  /** One page: there is at most one record a day. */
  @Override
  public int longestRangeDays() {
    return PAGE;
  }

  /**
   * A 2xx answer is an object whose header says success; a failure is reported in that header with
   * status 200.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    Optional<String> problem = JsonAnswers.objectProblem(body);
    if (problem.isPresent()) {
      return problem.map(ProviderError::malformed);
    }
    JsonNode header = JsonAnswers.tree(body).path("header");
    if (!header.path("success").isBoolean()) {
      return Optional.of(ProviderError.malformed("a JSON object without the HKMA header"));
    }
    return header.path("success").booleanValue()
        ? Optional.empty()
        : Optional.of(
            ProviderError.other(
                header.path("err_code").asText("") + ": " + header.path("err_msg").asText("")));
  }

  /** The newest {@code end_of_day} of the answer. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    List<String> dates = new ArrayList<>();
    for (JsonNode record : JsonAnswers.tree(body).path("result").path("records")) {
      dates.add(record.path("end_of_day").asText(""));
    }
    return newest(dates, DateTimeFormatter.ISO_LOCAL_DATE);
  }

  private SourceRequest request(LocalDate from, LocalDate to, int pageSize) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("choose", "end_of_day");
    if (from != null) {
      params.put("from", from.toString());
      params.put("to", to.toString());
    }
    params.put("offset", "0");
    params.put("pagesize", String.valueOf(pageSize));
    params.put("sortby", "end_of_day");
    params.put("sortorder", "desc");
    return new SourceRequest(
        URI.create(baseUrl + "/er-eeri-daily" + BaseUrl.query(params)),
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
      return Optional.of(new HongKongMonetaryAuthoritySamples());
    }

    /** The bulletin is filled monthly, a month late: its newest day is up to two months old. */
    @Override
    public int latestLagDays() {
      return 62;
    }
  }
}
