package io.makerates.sources.cbr;

import com.google.auto.service.AutoService;
import io.makerates.sources.KeylessRateSource;
import io.makerates.sources.ProviderError;
import io.makerates.sources.SampleAnswers;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypeProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Central Bank of the Russian Federation: {@code /scripts/XML_daily.asp} lists the current official
 * rates, {@code ?date_req=DD/MM/YYYY} those in effect on a day. A list takes effect the day after
 * it is set from the market, and streams-app files it under that setting day: so the rates of day D
 * are asked as those in effect on D + 1. History is asked one day per request (the range endpoint,
 * XML_dynamic, takes one currency at a time), so a backfill runs in ISOLATED mode or with chunks of
 * one day. Keyless; RUB per {@code Nominal} units, decimal commas, windows-1251.
 */
public final class BankOfRussiaSource extends KeylessRateSource {

  public static final String TYPE = "cbr";
  public static final String DEFAULT_BASE_URL = "https://www.cbr.ru/scripts";
  public static final String BASE = "RUB";

  /** The rates for the next business day are set around 15:30 Moscow time. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "CBR",
          new BankOfRussiaParser(),
          config -> new BankOfRussiaSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("15:45", "Europe/Moscow", "18:00")));

  private static final DateTimeFormatter REQUEST = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter ANSWER = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final Pattern DATE =
      Pattern.compile("<ValCurs[^>]*\\sDate=\"(\\d{2}\\.\\d{2}\\.\\d{4})\"");
  private static final Map<String, String> HEADERS = Map.of("Accept", "application/xml");

  public BankOfRussiaSource(URI baseUrl) {
    super(TYPE, baseUrl);
  }

  @Override
  public SourceRequest latest() {
    return new SourceRequest(
        URI.create(baseUrl + "/XML_daily.asp"), "GET", HEADERS, Map.of(), null, null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    String day = REQUEST.format(date.plusDays(1)); // the list set on date takes effect the next day
    return new SourceRequest(
        URI.create(baseUrl + "/XML_daily.asp?date_req=" + day),
        "GET",
        HEADERS,
        Map.of("date_req", day),
        date,
        date,
        null);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    if (!from.equals(to)) {
      throw new UnsupportedOperationException(
          "CBR's history is served one day per request, not "
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

  /** A 2xx answer is a {@code ValCurs} list. */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    // the markup is ASCII, so a windows-1251 body read as UTF-8 still shows it
    return unlessRecognised(
        status,
        body,
        text -> text.contains("<ValCurs"),
        "not a CBR ValCurs list (a DDoS-guard page?)");
  }

  /**
   * The day the list observes: its {@code Date} (when it takes effect) − 1, as streams-app files
   * it.
   */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    if (body == null) {
      return Optional.empty();
    }
    Matcher m = DATE.matcher(new String(body, StandardCharsets.ISO_8859_1));
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(m.group(1), ANSWER).minusDays(1));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
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
      return Optional.of(new BankOfRussiaSamples());
    }
  }
}
