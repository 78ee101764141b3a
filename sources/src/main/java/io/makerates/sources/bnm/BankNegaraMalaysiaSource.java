package io.makerates.sources.bnm;

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
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bank Negara Malaysia Open API, {@code api.bnm.gov.my/public}: {@code /exchange-rate?session=0900}
 * is the 09:00 Kuala Lumpur session of all 27 currencies. The API has history for one currency at a
 * time only ({@code /exchange-rate/{CCY}/year/{Y}/month/{M}}), so a day or a range of all
 * currencies is no single request: this type serves "latest" only and a backfill is refused (the
 * parser reads the monthly answers too, for {@link #month}). Keyless, but every request must carry
 * the vendor header {@code Accept: application/vnd.BNM.API.v1+json}. MYR per {@code unit} units,
 * middle rates.
 */
public final class BankNegaraMalaysiaSource extends KeylessRateSource {

  public static final String TYPE = "bnm";
  public static final String DEFAULT_BASE_URL = "https://api.bnm.gov.my/public";
  public static final String BASE = "MYR";

  /**
   * The 09:00 session is fixed at 09:00 Kuala Lumpur time; the reference project polls from noon.
   */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "BNM",
          new BankNegaraMalaysiaParser(),
          config -> new BankNegaraMalaysiaSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("12:00", "Asia/Kuala_Lumpur", "14:30")));

  static final String SESSION = "0900";
  static final String NO_HISTORY =
      "BNM's API serves history one currency and month at a time, not all currencies for a day;"
          + " this type serves the latest session only";
  private static final Map<String, String> HEADERS =
      Map.of("Accept", "application/vnd.BNM.API.v1+json");

  public BankNegaraMalaysiaSource(URI baseUrl) {
    super(TYPE, baseUrl);
  }

  @Override
  public SourceRequest latest() {
    return request("/exchange-rate", Map.of("session", SESSION), null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    throw new UnsupportedOperationException(NO_HISTORY);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    throw new UnsupportedOperationException(NO_HISTORY);
  }

  /** One currency's month: what the API has for history. */
  public SourceRequest month(String currency, YearMonth month) {
    return request(
        "/exchange-rate/"
            + currency
            + "/year/"
            + month.getYear()
            + "/month/"
            + month.getMonthValue(),
        Map.of("session", SESSION),
        month.atDay(1),
        month.atEndOfMonth());
  }

  @Override
  public int longestRangeDays() {
    return 1;
  }

  /** A 2xx answer is an object with {@code data}; anything else (an HTML page) is malformed. */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    Optional<String> problem = JsonAnswers.objectProblem(body);
    if (problem.isPresent()) {
      return problem.map(ProviderError::malformed);
    }
    JsonNode data = JsonAnswers.tree(body).path("data");
    return data.isArray() || data.isObject()
        ? Optional.empty()
        : Optional.of(ProviderError.malformed("a JSON object without data"));
  }

  /** The newest rate date of the answer. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    JsonNode data = JsonAnswers.tree(body).path("data");
    List<String> dates = new ArrayList<>();
    for (JsonNode currency : data.isArray() ? data : List.of(data)) {
      JsonNode rate = currency.path("rate");
      for (JsonNode day : rate.isArray() ? rate : List.of(rate)) {
        dates.add(day.path("date").asText(""));
      }
    }
    return newest(dates, DateTimeFormatter.ISO_LOCAL_DATE);
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
      return Optional.of(new BankNegaraMalaysiaSamples());
    }
  }
}
