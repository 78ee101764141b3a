package io.makerates.sources.bnr;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * National Bank of Romania, {@code curs.bnr.ro}: {@code /nbrfxrates.xml} holds the latest reference
 * rates, {@code /files/xml/years/nbrfxrates{year}.xml} every day of a year (kept current within the
 * year). A day or a range is served by its year's file and asked for up to that year's end at most.
 * Keyless; RON per {@code multiplier} units.
 */
public final class NationalBankOfRomaniaSource extends KeylessRateSource {

  public static final String TYPE = "bnr";
  public static final String DEFAULT_BASE_URL = "https://curs.bnr.ro";
  public static final String BASE = "RON";

  /** The reference rates are published around 13:00 Bucharest time on Romanian banking days. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "BNR",
          new NationalBankOfRomaniaParser(),
          config -> new NationalBankOfRomaniaSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("13:10", "Europe/Bucharest", "16:00")));

  private static final Map<String, String> HEADERS = Map.of("Accept", "application/xml");
  private static final Pattern CUBE_DATE =
      Pattern.compile("<Cube\\s+date=\"(\\d{4}-\\d{2}-\\d{2})\"");

  public NationalBankOfRomaniaSource(URI baseUrl) {
    super(TYPE, baseUrl);
  }

  @Override
  public SourceRequest latest() {
    return new SourceRequest(
        URI.create(baseUrl + "/nbrfxrates.xml"), "GET", HEADERS, Map.of(), null, null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return range(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    requireOrdered(from, to);
    LocalDate yearEnd = LocalDate.of(from.getYear(), 12, 31);
    return new SourceRequest(
        URI.create(baseUrl + "/files/xml/years/nbrfxrates" + from.getYear() + ".xml"),
        "GET",
        HEADERS,
        Map.of("year", String.valueOf(from.getYear())),
        from,
        to.isAfter(yearEnd) ? yearEnd : to,
        null);
  }

  @Override
  public int longestRangeDays() {
    return 366;
  }

  /**
   * A 2xx answer is BNR's XML DataSet; its relaunched site answers old paths with an HTML home
   * page.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    return unlessRecognised(
        status,
        body,
        text -> text.contains("<DataSet"),
        "not a BNR DataSet (an HTML page, or the file moved)");
  }

  /** The newest Cube date of the answer. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    if (body == null) {
      return Optional.empty();
    }
    Matcher m = CUBE_DATE.matcher(new String(body, StandardCharsets.UTF_8));
    List<String> dates = new ArrayList<>();
    while (m.find()) {
      dates.add(m.group(1));
    }
    return newest(dates, DateTimeFormatter.ISO_LOCAL_DATE);
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
      return Optional.of(new NationalBankOfRomaniaSamples());
    }
  }
}
