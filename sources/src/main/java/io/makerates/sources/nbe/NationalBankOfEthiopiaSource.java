package io.makerates.sources.nbe;

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
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * National Bank of Ethiopia, {@code api.nbe.gov.et/api/filter-exchange-rates?date=YYYY-MM-DD}: the
 * list of one day per request, so "latest" asks for today in Addis Ababa and a backfill runs in
 * ISOLATED mode or with chunks of one day. Keyless, limited to 60 requests (X-Ratelimit-Limit); ETB
 * per unit. Errors come as {@code {"success":false,"message":…}}.
 */
public final class NationalBankOfEthiopiaSource extends KeylessRateSource {

  public static final String TYPE = "nbe";
  public static final String DEFAULT_BASE_URL = "https://api.nbe.gov.et/api";
  public static final String BASE = "ETB";

  private static final ZoneId ADDIS_ABABA = ZoneId.of("Africa/Addis_Ababa");

  /** The day's list is out around midday, Addis Ababa time. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "NBE",
          new NationalBankOfEthiopiaParser(),
          config -> new NationalBankOfEthiopiaSource(config.baseUrl(), Clock.systemUTC()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("13:00", "Africa/Addis_Ababa", "15:30")));

  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final Clock clock;

  public NationalBankOfEthiopiaSource(URI baseUrl, Clock clock) {
    super(TYPE, baseUrl);
    this.clock = clock;
  }

  @Override
  public SourceRequest latest() {
    return request(LocalDate.now(clock.withZone(ADDIS_ABABA)), null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return request(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    if (!from.equals(to)) {
      throw new UnsupportedOperationException(
          "NBE serves one day per request, not "
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
   * {@code "success":false} is the provider's error; a 2xx body that is no object with a {@code
   * data} array is malformed.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    JsonNode root = JsonAnswers.tree(body);
    if (root.path("success").isBoolean() && !root.path("success").asBoolean()) {
      return Optional.of(ProviderError.other(root.path("message").asText("success: false")));
    }
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    Optional<String> problem = JsonAnswers.objectProblem(body);
    if (problem.isPresent()) {
      return problem.map(ProviderError::malformed);
    }
    return root.path("data").isArray()
        ? Optional.empty()
        : Optional.of(ProviderError.malformed("a JSON object without a data array"));
  }

  /** The newest {@code date} of the list. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    List<String> dates = new ArrayList<>();
    for (JsonNode rate : JsonAnswers.tree(body).path("data")) {
      dates.add(rate.path("date").asText(""));
    }
    return newest(dates, DateTimeFormatter.ISO_LOCAL_DATE);
  }

  private SourceRequest request(LocalDate asked, LocalDate wanted) {
    String date = asked.toString();
    return new SourceRequest(
        URI.create(baseUrl + "/filter-exchange-rates?date=" + date),
        "GET",
        HEADERS,
        Map.of("date", date),
        wanted,
        wanted,
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
      return Optional.of(new NationalBankOfEthiopiaSamples());
    }
  }
}
