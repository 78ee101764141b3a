package io.makerates.sources.ecb;

import com.google.auto.service.AutoService;
import io.makerates.sources.BaseUrl;
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
import java.util.Map;
import java.util.Optional;

/**
 * The ECB's euro foreign exchange reference rates as XML files: {@code eurofxref-daily.xml} (the
 * last published day), {@code eurofxref-hist-90d.xml} (about the last 90 days) and {@code
 * eurofxref-hist.xml} (everything since 1999). There is no query by date: a day or a range is
 * served by the smallest file that holds it, so the answer covers more than was asked for; the
 * request still records the dates asked for. Always EUR-based.
 */
public final class EcbSource implements RateSource {

  public static final String TYPE = "ecb";
  public static final String DEFAULT_BASE_URL = "https://www.ecb.europa.eu/stats/eurofxref";
  public static final String BASE = "EUR";

  /**
   * The ECB publishes around 16:00 Frankfurt time on TARGET days; polled from 16:05 until 19:00.
   */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "ECB",
          new EcbParser(),
          config -> new EcbSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("16:05", "Europe/Berlin", "19:00")));

  static final String DAILY_FILE = "/eurofxref-daily.xml";
  static final String RECENT_FILE = "/eurofxref-hist-90d.xml";
  static final String HISTORY_FILE = "/eurofxref-hist.xml";

  /**
   * How far back the 90-day file is trusted to reach. It ends at the last publication, which can be
   * days behind today (weekends, holidays, before 16:00 CET), and the real file dated 2020-12-10
   * starts at 2020-09-14, 87 days earlier. Asking for the full history near that edge costs
   * bandwidth; asking the 90-day file would silently miss days.
   */
  static final int RECENT_FILE_SAFE_DAYS = 80;

  private static final Map<String, String> HEADERS = Map.of("Accept", "application/xml");

  private final String baseUrl;
  private final Clock clock;

  public EcbSource(URI baseUrl) {
    this(baseUrl, Clock.systemUTC());
  }

  /**
   * @param clock decides whether a date is recent enough for the 90-day file
   */
  public EcbSource(URI baseUrl, Clock clock) {
    this.baseUrl = BaseUrl.withoutTrailingSlash(baseUrl);
    this.clock = clock;
  }

  /** One history file holds every date: chunking a range would only download it again. */
  @Override
  public int longestRangeDays() {
    return 36_500;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SourceRequest latest() {
    return request(DAILY_FILE, Map.of(), null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return request(fileHolding(date), Map.of("date", date.toString()), date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("range " + from + ".." + to + " ends before it starts");
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("from", from.toString());
    params.put("to", to.toString());
    return request(fileHolding(from), params, from, to);
  }

  /**
   * The ECB reports errors only as HTTP status and HTML pages, so the one provider error is a 2xx
   * answer that is not a complete eurofxref document; {@code EcbDocument} reads the body.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    return EcbDocument.problem(body);
  }

  /** The newest day the answer holds, read by {@code EcbDocument}. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    return EcbDocument.newestDay(body);
  }

  private String fileHolding(LocalDate from) {
    LocalDate today = LocalDate.now(clock);
    return from.isBefore(today.minusDays(RECENT_FILE_SAFE_DAYS)) ? HISTORY_FILE : RECENT_FILE;
  }

  private SourceRequest request(
      String file, Map<String, String> params, LocalDate from, LocalDate to) {
    // the files carry no API version: sourceVersion stays empty
    return new SourceRequest(URI.create(baseUrl + file), "GET", HEADERS, params, from, to, null);
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
      return Optional.of(new EcbSamples());
    }
  }
}
