package io.makerates.sources.cbu;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Central Bank of Uzbekistan, {@code cbu.uz/en/arkhiv-kursov-valyut/json/all/YYYY-MM-DD/} (with the
 * trailing slash): every currency's rate applying on a day, one day per request (a backfill runs in
 * ISOLATED mode or with chunks of one day). The parser files a list under the business day before
 * (when CBU set it), so the rates of day D are asked as the list applying on the weekday after D,
 * and {@code latest} asks for the next weekday's list in Tashkent. Keyless; UZS per {@code
 * Nominal}; every value a string.
 */
public final class CentralBankOfUzbekistanSource extends KeylessRateSource {

  public static final String TYPE = "cbu";
  public static final String DEFAULT_BASE_URL = "https://cbu.uz/en/arkhiv-kursov-valyut/json";
  public static final String BASE = "UZS";
  static final ZoneId ZONE = ZoneId.of("Asia/Tashkent");

  /** CBU sets the next business day's rates in the afternoon of an Uzbek business day. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "CBU",
          new CentralBankOfUzbekistanParser(),
          config -> new CentralBankOfUzbekistanSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("16:00", ZONE.getId(), "19:30")));

  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final Clock clock;

  public CentralBankOfUzbekistanSource(URI baseUrl) {
    this(baseUrl, Clock.system(ZONE));
  }

  CentralBankOfUzbekistanSource(URI baseUrl, Clock clock) {
    super(TYPE, baseUrl);
    this.clock = clock;
  }

  @Override
  public SourceRequest latest() {
    LocalDate today = LocalDate.now(clock.withZone(ZONE));
    return request(CentralBankOfUzbekistanParser.appliesDay(today), null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return request(CentralBankOfUzbekistanParser.appliesDay(date), date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    if (!from.equals(to)) {
      throw new UnsupportedOperationException(
          "CBU's lists are served one day per request, not "
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
   * A 2xx answer is a JSON array of rates (the site is a CMS: an HTML page in its place is
   * malformed); an empty one has no list for the day asked.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    JsonNode root = JsonAnswers.tree(body);
    if (!root.isArray()) {
      return Optional.of(
          ProviderError.malformed("expected a JSON array of rates, got " + root.getNodeType()));
    }
    return root.isEmpty()
        ? Optional.of(ProviderError.noData("no list for the day asked"))
        : Optional.empty();
  }

  /** The newest setting day of the answer, as the parser files it. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    List<String> dates = new ArrayList<>();
    JsonAnswers.tree(body).forEach(rate -> dates.add(rate.path("Date").asText("")));
    return newest(dates, CentralBankOfUzbekistanParser.DATE)
        .map(CentralBankOfUzbekistanParser::settingDay);
  }

  private SourceRequest request(LocalDate applies, LocalDate requested) {
    return new SourceRequest(
        URI.create(baseUrl + "/all/" + applies + "/"),
        "GET",
        HEADERS,
        Map.of("date", applies.toString()),
        requested,
        requested,
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
      return Optional.of(new CentralBankOfUzbekistanSamples());
    }
  }
}
