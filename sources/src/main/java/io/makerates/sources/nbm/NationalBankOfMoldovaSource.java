package io.makerates.sources.nbm;

import com.google.auto.service.AutoService;
import io.makerates.sources.BaseUrl;
import io.makerates.sources.KeylessRateSource;
import io.makerates.sources.ProviderError;
import io.makerates.sources.SampleAnswers;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypeProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * National Bank of Moldova (Banca Națională a Moldovei, host {@code bnm.md}; not Bank Negara
 * Malaysia): {@code /en/official_exchange_rates?date=dd.mm.yyyy&get_xml=1} is the list that applies
 * on that date, set the business day before. The parser files a list under that setting day, so the
 * rates of day D are asked as the list of the next weekday (Friday's as Monday's), and "latest"
 * asks for the list of the weekday after today in Chișinău: once today's fixing is out, that is it.
 * One day per request (the site has no range), so a backfill runs with chunks of one day. Keyless;
 * MDL per {@code Nominal} units. The gold and silver prices ({@code official_metal_rates}, MDL per
 * gram) are another request and are not read by this type.
 */
public final class NationalBankOfMoldovaSource extends KeylessRateSource {

  public static final String TYPE = "nbm";
  public static final String DEFAULT_BASE_URL = "https://www.bnm.md/en";
  public static final String BASE = "MDL";

  /**
   * The rates for the next business day are set in the afternoon from the interbank market (the
   * reference project polls 13:00–15:30 UTC).
   */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "NBM",
          new NationalBankOfMoldovaParser(),
          config -> new NationalBankOfMoldovaSource(config.baseUrl(), Clock.systemUTC()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("16:00", "Europe/Chisinau", "18:30")));

  static final ZoneId ZONE = ZoneId.of("Europe/Chisinau");
  private static final DateTimeFormatter REQUEST = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final Pattern DATE =
      Pattern.compile("<ValCurs[^>]*\\sDate=\"(\\d{2}\\.\\d{2}\\.\\d{4})\"");
  private static final Map<String, String> HEADERS = Map.of("Accept", "application/xml");

  private final Clock clock;

  public NationalBankOfMoldovaSource(URI baseUrl, Clock clock) {
    super(TYPE, baseUrl);
    this.clock = clock;
  }

  @Override
  public SourceRequest latest() {
    return request(nextWeekday(LocalDate.now(clock.withZone(ZONE))), null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return request(nextWeekday(date), date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    if (!from.equals(to)) {
      throw new UnsupportedOperationException(
          "NBM serves one day per request, not "
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

  /** A 2xx answer is a {@code ValCurs} list; the site answers a bad page with HTML. */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    return unlessRecognised(
        status, body, text -> text.contains("<ValCurs"), "not an NBM ValCurs list (an HTML page?)");
  }

  /** The day the list was set: the weekday before its {@code Date}, as the parser files it. */
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
          NationalBankOfMoldovaParser.settingDay(LocalDate.parse(m.group(1), REQUEST)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static LocalDate nextWeekday(LocalDate date) {
    LocalDate day = date.plusDays(1);
    while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      day = day.plusDays(1);
    }
    return day;
  }

  private SourceRequest request(LocalDate applies, LocalDate date) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("date", REQUEST.format(applies));
    params.put("get_xml", "1");
    return new SourceRequest(
        URI.create(baseUrl + "/official_exchange_rates" + BaseUrl.query(params)),
        "GET",
        HEADERS,
        params,
        date,
        date,
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
      return Optional.of(new NationalBankOfMoldovaSamples());
    }
  }
}
