package io.makerates.sources.cbn;

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
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Central Bank of Nigeria, {@code /api/GetAllExchangeRates}: it takes no parameters and answers
 * with its whole history, every day since December 2001, in one JSON array each time. So latest, a
 * day and a range are the same request, the parser keeps what the answer holds, and the extractor
 * will need a conditional GET to avoid fetching the whole history at every poll. Keyless; NGN per
 * unit, by label; behind Cloudflare.
 */
public final class CentralBankOfNigeriaSource extends KeylessRateSource {

  public static final String TYPE = "cbn";
  public static final String DEFAULT_BASE_URL = "https://www.cbn.gov.ng/api";
  public static final String BASE = "NGN";

  /** The day's rates are posted in the afternoon, Lagos time. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "CBN",
          new CentralBankOfNigeriaParser(),
          config -> new CentralBankOfNigeriaSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("16:00", "Africa/Lagos", "18:30")));

  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");
  private static final Pattern DATE =
      Pattern.compile("\"ratedate\"\\s*:\\s*\"(\\d{4}-\\d{2}-\\d{2})");

  public CentralBankOfNigeriaSource(URI baseUrl) {
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

  /** A 2xx answer is a JSON array; a Cloudflare or error page in its place is malformed. */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    return unlessRecognised(
        status,
        body,
        text -> JsonAnswers.tree(text.getBytes(StandardCharsets.UTF_8)).isArray(),
        "not a JSON array of CBN rates (a Cloudflare page?)");
  }

  /** The newest {@code ratedate}, found without reading the JSON. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    if (body == null) {
      return Optional.empty();
    }
    List<String> dates = new ArrayList<>();
    Matcher m = DATE.matcher(new String(body, StandardCharsets.UTF_8));
    while (m.find()) {
      dates.add(m.group(1));
    }
    return newest(dates, DateTimeFormatter.ISO_LOCAL_DATE);
  }

  private SourceRequest request(LocalDate from, LocalDate to) {
    return new SourceRequest(
        URI.create(baseUrl + "/GetAllExchangeRates"), "GET", HEADERS, Map.of(), from, to, null);
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
      return Optional.of(new CentralBankOfNigeriaSamples());
    }
  }
}
