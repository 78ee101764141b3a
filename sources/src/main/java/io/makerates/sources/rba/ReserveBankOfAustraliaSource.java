package io.makerates.sources.rba;

import com.google.auto.service.AutoService;
import io.makerates.sources.KeylessRateSource;
import io.makerates.sources.ProviderError;
import io.makerates.sources.SampleAnswers;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypeProvider;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reserve Bank of Australia, statistical table F11.1 "Exchange Rates": the static file {@code
 * /statistics/tables/csv/f11.1-data.csv} holds every day from 3 January 2023 to today, so each
 * request (latest, a day, a range) asks for that same multi-year CSV and the parser keeps what it
 * holds (about 120 KB now, growing by a row a day; the extractor will want a conditional GET on its
 * {@code Last-Modified}). Earlier years are in separate historical files, not asked here. Keyless;
 * units of currency per AUD, 4 pm Sydney rates (WM/Reuters for USD).
 */
public final class ReserveBankOfAustraliaSource extends KeylessRateSource {

  public static final String TYPE = "rba";
  public static final String DEFAULT_BASE_URL = "https://www.rba.gov.au/statistics/tables/csv";
  public static final String BASE = "AUD";

  /** The 4 pm rates appear shortly after; a recorded copy was modified at 16:38 Sydney time. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "RBA",
          new ReserveBankOfAustraliaParser(),
          config -> new ReserveBankOfAustraliaSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("16:45", "Australia/Sydney", "19:30")));

  private static final Map<String, String> HEADERS = Map.of("Accept", "text/csv");

  public ReserveBankOfAustraliaSource(URI baseUrl) {
    super(TYPE, baseUrl);
  }

  @Override
  public SourceRequest latest() {
    return request(null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return request(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    requireOrdered(from, to);
    return request(from, to);
  }

  /** One file holds every year since 2023: any range is one request. */
  @Override
  public int longestRangeDays() {
    return 3660;
  }

  @Override
  public boolean repeatsItsLatestAnswer() {
    return true;
  }

  /** A 2xx answer is the table, with its {@code Series ID} header line. */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    return unlessRecognised(
        status,
        body,
        text -> text.contains("\nSeries ID,") && text.contains("F11.1"),
        "not the RBA F11.1 table (an HTML page?)");
  }

  /** The newest row's date: the rows run oldest first, so the last dated line. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    if (body == null) {
      return Optional.empty();
    }
    List<String> dates = new ArrayList<>();
    for (String line : ReserveBankOfAustraliaParser.text(body).split("\r?\n")) {
      int comma = line.indexOf(',');
      if (comma > 0 && Character.isDigit(line.charAt(0))) {
        dates.add(line.substring(0, comma));
      }
    }
    return newest(dates, ReserveBankOfAustraliaParser.DATE);
  }

  private SourceRequest request(LocalDate from, LocalDate to) {
    return new SourceRequest(
        URI.create(baseUrl + "/f11.1-data.csv"), "GET", HEADERS, Map.of(), from, to, null);
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
      return Optional.of(new RbaSamples());
    }
  }
}
