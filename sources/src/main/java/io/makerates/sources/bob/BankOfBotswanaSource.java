package io.makerates.sources.bob;

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
 * Bank of Botswana, the static export {@code /export/exchange-rates.csv?_format=csv&page}: it takes
 * no dates and answers with the whole history, every day since January 2001 (about 400 KB, one row
 * a day more), at every request. So latest, a day and a range are the same request, the parser
 * keeps what the answer holds, and the extractor will need a conditional GET (the answer carries a
 * {@code Last-Modified}) to avoid fetching 25 years at every poll. Keyless; foreign per BWP.
 */
public final class BankOfBotswanaSource extends KeylessRateSource {

  public static final String TYPE = "bob";
  public static final String DEFAULT_BASE_URL = "https://www.bankofbotswana.bw";
  public static final String BASE = "BWP";

  /** A recorded export was modified at 11:56 Gaborone time on the day of its newest row. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "BOB",
          new BankOfBotswanaParser(),
          config -> new BankOfBotswanaSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("12:00", "Africa/Gaborone", "14:30")));

  private static final Map<String, String> HEADERS = Map.of("Accept", "text/csv");

  public BankOfBotswanaSource(URI baseUrl) {
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

  /** Every answer is the whole history: any range is one request. */
  @Override
  public int longestRangeDays() {
    return 36600;
  }

  @Override
  public boolean repeatsItsLatestAnswer() {
    return true;
  }

  /** A 2xx answer is the export, starting (after its BOM) with {@code Date,}. */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    return unlessRecognised(
        status,
        body,
        text -> text.replace("\uFEFF", "").startsWith("Date,"),
        "not the BoB exchange-rate export (an HTML page?)");
  }

  /** The newest row's date; the rows are not in date order, so all are looked at. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    if (body == null) {
      return Optional.empty();
    }
    List<String> dates = new ArrayList<>();
    for (String line : BankOfBotswanaParser.text(body).split("\r?\n")) {
      int comma = line.indexOf(',');
      if (comma > 0 && line.startsWith("\"")) {
        dates.add(line.substring(0, comma).replace("\"", ""));
      }
    }
    return newest(dates, BankOfBotswanaParser.DATE);
  }

  private SourceRequest request(LocalDate from, LocalDate to) {
    return new SourceRequest(
        URI.create(baseUrl + "/export/exchange-rates.csv?_format=csv&page"),
        "GET",
        HEADERS,
        Map.of("_format", "csv", "page", ""),
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
      return Optional.of(new BankOfBotswanaSamples());
    }
  }
}
