package io.makerates.sources.nbrb;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import io.makerates.sources.BaseUrl;
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
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * National Bank of the Republic of Belarus, {@code api.nbrb.by/exrates/rates?periodicity=0}: the
 * daily list of every currency, {@code &ondate=YYYY-MM-DD} the list that applies on a day. The
 * parser files a list under the business day before (when NBRB set it), so the rates of day D are
 * asked as the list applying on the weekday after D, and {@code latest} asks for the list of the
 * next weekday in Minsk (set today once published). History is one day per request: the range
 * endpoint ({@code /rates/dynamics/{id}}) takes one currency at a time by NBRB's own id, so a
 * backfill runs in ISOLATED mode or with chunks of one day. Keyless; BYN per {@code Cur_Scale}.
 */
public final class NationalBankOfBelarusSource extends KeylessRateSource {

  public static final String TYPE = "nbrb";
  public static final String DEFAULT_BASE_URL = "https://api.nbrb.by/exrates";
  public static final String BASE = "BYN";
  static final ZoneId ZONE = ZoneId.of("Europe/Minsk");

  /** NBRB sets the next business day's rates around midday Minsk time, after the BCSE session. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "NBRB",
          new NationalBankOfBelarusParser(),
          config -> new NationalBankOfBelarusSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("13:00", ZONE.getId(), "16:30")));

  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final Clock clock;

  public NationalBankOfBelarusSource(URI baseUrl) {
    this(baseUrl, Clock.system(ZONE));
  }

  NationalBankOfBelarusSource(URI baseUrl, Clock clock) {
    super(TYPE, baseUrl);
    this.clock = clock;
  }

  @Override
  public SourceRequest latest() {
    LocalDate today = LocalDate.now(clock.withZone(ZONE));
    return request(NationalBankOfBelarusParser.appliesDay(today), null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return request(NationalBankOfBelarusParser.appliesDay(date), date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    if (!from.equals(to)) {
      throw new UnsupportedOperationException(
          "NBRB's lists are served one day per request, not "
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

  /** A 2xx answer is a JSON array of rates; an empty one has no list for the day asked. */
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
    LocalDate newest = null;
    for (JsonNode rate : JsonAnswers.tree(body)) {
      String text = rate.path("Date").asText("");
      try {
        LocalDate day =
            NationalBankOfBelarusParser.settingDay(
                LocalDate.parse(text.substring(0, Math.min(10, text.length()))));
        newest = newest == null || day.isAfter(newest) ? day : newest;
      } catch (DateTimeParseException notADate) {
        // another rate may still say it
      }
    }
    return Optional.ofNullable(newest);
  }

  private SourceRequest request(LocalDate applies, LocalDate requested) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("ondate", applies.toString());
    params.put("periodicity", "0");
    return new SourceRequest(
        URI.create(baseUrl + "/rates" + BaseUrl.query(params)),
        "GET",
        HEADERS,
        params,
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
      return Optional.of(new NationalBankOfBelarusSamples());
    }
  }
}
