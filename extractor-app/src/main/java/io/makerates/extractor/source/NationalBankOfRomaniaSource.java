package io.makerates.extractor.source;

import io.makerates.runtime.source.SourceTypeIds;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * National Bank of Romania, {@code curs.bnr.ro}: {@code /nbrfxrates.xml} holds the latest reference rates,
 * {@code /files/xml/years/nbrfxrates{year}.xml} every day of a year (kept current within the year). A day or a range is
 * served by its year's file and asked for up to that year's end at most. Keyless; RON per {@code multiplier} units.
 */
public final class NationalBankOfRomaniaSource extends KeylessRateSource {

  public static final String TYPE = SourceTypeIds.NATIONAL_BANK_OF_ROMANIA;
  public static final String DEFAULT_BASE_URL = "https://curs.bnr.ro";
  public static final String BASE = "RON";

  /** The reference rates are published around 13:00 Bucharest time on Romanian banking days. */
  public static final SourceType SOURCE_TYPE = SourceType.open(TYPE, config -> new NationalBankOfRomaniaSource(config.baseUrl()),
      DEFAULT_BASE_URL, BASE, true, Optional.of(SourceType.Publication.at("13:10", "Europe/Bucharest", "16:00")));

  private static final Map<String, String> HEADERS = Map.of("Accept", "application/xml");
  private static final Pattern CUBE_DATE = Pattern.compile("<Cube\\s+date=\"(\\d{4}-\\d{2}-\\d{2})\"");

  public NationalBankOfRomaniaSource(URI baseUrl) {
    super(TYPE, baseUrl);
  }

  @Override
  public SourceRequest latest() {
    return new SourceRequest(URI.create(baseUrl + "/nbrfxrates.xml"), "GET", HEADERS, Map.of(), null, null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return range(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("range " + from + ".." + to + " ends before it starts");
    }
    LocalDate yearEnd = LocalDate.of(from.getYear(), 12, 31);
    return new SourceRequest(URI.create(baseUrl + "/files/xml/years/nbrfxrates" + from.getYear() + ".xml"), "GET", HEADERS,
        Map.of("year", String.valueOf(from.getYear())), from, to.isAfter(yearEnd) ? yearEnd : to, null);
  }

  @Override
  public int longestRangeDays() {
    return 366;
  }

  /** A 2xx answer is BNR's XML DataSet; its relaunched site answers old paths with an HTML home page. */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    return text.contains("<DataSet") ? Optional.empty()
        : Optional.of(ProviderError.malformed("not a BNR DataSet (an HTML page, or the file moved)"));
  }

  /** The newest Cube date of the answer. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    if (body == null) {
      return Optional.empty();
    }
    LocalDate newest = null;
    Matcher m = CUBE_DATE.matcher(new String(body, StandardCharsets.UTF_8));
    while (m.find()) {
      try {
        LocalDate date = LocalDate.parse(m.group(1));
        newest = newest == null || date.isAfter(newest) ? date : newest;
      } catch (DateTimeParseException notADate) {
        // the pattern admits only digits; a 2026-13-40 is skipped
      }
    }
    return Optional.ofNullable(newest);
  }
}
