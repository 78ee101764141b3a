package io.makerates.sources.nbk;

import com.google.auto.service.AutoService;
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
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * National Bank of Kazakhstan, {@code nationalbank.kz/rss/get_rates.cfm?fdate=dd.mm.yyyy}: every
 * currency's official rate applying on a day, one day per request (a backfill runs in ISOLATED mode
 * or with chunks of one day). The parser files a list under the business day before (when NBK set
 * it), so the rates of day D are asked as the list applying on the weekday after D, and {@code
 * latest} asks for the next weekday's list in Almaty. Keyless; KZT per {@code quant} units.
 */
public final class NationalBankOfKazakhstanSource extends KeylessRateSource {

  public static final String TYPE = "nbk";
  public static final String DEFAULT_BASE_URL = "https://nationalbank.kz/rss";
  public static final String BASE = "KZT";
  static final ZoneId ZONE = ZoneId.of("Asia/Almaty");

  /** NBK sets the next business day's rates in the afternoon of a Kazakh business day. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "NBK",
          new NationalBankOfKazakhstanParser(),
          config -> new NationalBankOfKazakhstanSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("16:00", ZONE.getId(), "19:30")));

  private static final DateTimeFormatter REQUEST = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final Pattern DATE = Pattern.compile("<date>\\s*(\\d{2}\\.\\d{2}\\.\\d{4})");
  private static final Map<String, String> HEADERS = Map.of("Accept", "application/xml");

  private final Clock clock;

  public NationalBankOfKazakhstanSource(URI baseUrl) {
    this(baseUrl, Clock.system(ZONE));
  }

  NationalBankOfKazakhstanSource(URI baseUrl, Clock clock) {
    super(TYPE, baseUrl);
    this.clock = clock;
  }

  @Override
  public SourceRequest latest() {
    LocalDate today = LocalDate.now(clock.withZone(ZONE));
    return request(NationalBankOfKazakhstanParser.appliesDay(today), null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return request(NationalBankOfKazakhstanParser.appliesDay(date), date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    if (!from.equals(to)) {
      throw new UnsupportedOperationException(
          "NBK's lists are served one day per request, not "
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

  /** A 2xx answer is a {@code <rates>} list. */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    return unlessRecognised(
        status, body, text -> text.contains("<rates>"), "not an NBK <rates> list (an HTML page?)");
  }

  /** The list's setting day, as the parser files it: the weekday before its {@code <date>}. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    if (body == null) {
      return Optional.empty();
    }
    Matcher m = DATE.matcher(new String(body, StandardCharsets.UTF_8));
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          NationalBankOfKazakhstanParser.settingDay(LocalDate.parse(m.group(1), REQUEST)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private SourceRequest request(LocalDate applies, LocalDate requested) {
    String fdate = REQUEST.format(applies);
    return new SourceRequest(
        URI.create(baseUrl + "/get_rates.cfm?fdate=" + fdate),
        "GET",
        HEADERS,
        Map.of("fdate", fdate),
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
      return Optional.of(new NationalBankOfKazakhstanSamples());
    }
  }
}
