package io.makerates.sources.sarb;

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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * South African Reserve Bank, {@code /WebIndicators/Shared/GetTimeseriesObservations/{series}/
 * {start}T00:00:00/{end}T00:00:00}: one series per request, the dates in the path. One request can
 * therefore bring one currency only, and the type asks for the euro series EXCZ002D (rand per
 * euro): an answer must hold EUR to be rebased to the pivot, so the dollar series alone would be
 * refused. Other series (the constructor takes one) can be read by the same parser. "Latest" asks
 * for the last five days. Keyless; the 10:30 Johannesburg weighted average of the banks' rates.
 */
public final class SouthAfricanReserveBankSource extends KeylessRateSource {

  public static final String TYPE = "sarb";
  public static final String DEFAULT_BASE_URL =
      "https://custom.resbank.co.za/SarbWebApi/WebIndicators/Shared";
  public static final String BASE = "ZAR";

  /** Rand per euro: the one series of this type's requests. */
  public static final String EURO_SERIES = "EXCZ002D";

  /** The weighted average of about 10:30 is published late morning, Johannesburg time. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "SARB",
          new SouthAfricanReserveBankParser(),
          config ->
              new SouthAfricanReserveBankSource(config.baseUrl(), EURO_SERIES, Clock.systemUTC()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("11:30", "Africa/Johannesburg", "14:00")));

  private static final DateTimeFormatter PATH =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T00:00:00'");
  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final String series;
  private final Clock clock;

  public SouthAfricanReserveBankSource(URI baseUrl, String series, Clock clock) {
    super(TYPE, baseUrl);
    this.series = series;
    this.clock = clock;
  }

  @Override
  public SourceRequest latest() {
    LocalDate today = LocalDate.now(clock);
    // five days back: past a long weekend, and no day older than streams-app takes from a
    // latest answer (MAKERATES_VALIDATION_STALE_LATEST_DAYS)
    return request(today.minusDays(5), today, null, null);
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

  /** A 2xx answer is a JSON array (empty when no day of the window is published). */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    return unlessRecognised(
        status,
        body,
        text -> JsonAnswers.tree(text.getBytes(StandardCharsets.UTF_8)).isArray(),
        "not a JSON array of SARB observations (an HTML page?)");
  }

  /** The newest observation's Period. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    List<String> dates = new ArrayList<>();
    for (JsonNode observation : JsonAnswers.tree(body)) {
      String period = observation.path("Period").asText("");
      dates.add(period.length() >= 10 ? period.substring(0, 10) : period);
    }
    return newest(dates, DateTimeFormatter.ISO_LOCAL_DATE);
  }

  private SourceRequest request(
      LocalDate windowFrom, LocalDate windowTo, LocalDate from, LocalDate to) {
    String start = PATH.format(windowFrom);
    String end = PATH.format(windowTo);
    return new SourceRequest(
        URI.create(baseUrl + "/GetTimeseriesObservations/" + series + "/" + start + "/" + end),
        "GET",
        HEADERS,
        Map.of("series", series, "start", start, "end", end),
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
      return Optional.of(new SarbSamples());
    }
  }
}
