package io.makerates.sources.nbg;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
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
import java.util.Map;
import java.util.Optional;

/**
 * National Bank of Georgia, {@code nbg.gov.ge/gw/api/ct/monetarypolicy/currencies/?date=…}: the
 * list of official rates valid on a day, one day per request (a backfill runs in ISOLATED mode or
 * with chunks of one day). A list set on day D is valid from D + 1, and the parser files it under
 * D, so the rates of D are asked as the list valid on D + 1 (after a Georgian holiday the answer is
 * an earlier list, filed under its own day), and {@code latest} asks for the list valid tomorrow in
 * Tbilisi. Keyless; GEL per {@code quantity} units.
 */
public final class NationalBankOfGeorgiaSource extends KeylessRateSource {

  public static final String TYPE = "nbg";
  public static final String DEFAULT_BASE_URL = "https://nbg.gov.ge/gw/api/ct/monetarypolicy";
  public static final String BASE = "GEL";
  static final ZoneId ZONE = ZoneId.of("Asia/Tbilisi");

  /** The lists are stamped 17:01 of a Georgian business day. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "NBG",
          new NationalBankOfGeorgiaParser(),
          config -> new NationalBankOfGeorgiaSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("17:15", ZONE.getId(), "20:00")));

  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final Clock clock;

  public NationalBankOfGeorgiaSource(URI baseUrl) {
    this(baseUrl, Clock.system(ZONE));
  }

  NationalBankOfGeorgiaSource(URI baseUrl, Clock clock) {
    super(TYPE, baseUrl);
    this.clock = clock;
  }

  @Override
  public SourceRequest latest() {
    return request(LocalDate.now(clock.withZone(ZONE)).plusDays(1), null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return request(date.plusDays(1), date); // the list set on date is valid from the next day
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    if (!from.equals(to)) {
      throw new UnsupportedOperationException(
          "NBG's lists are served one day per request, not "
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

  /** A 2xx answer is a JSON array of lists; an empty one has no list for the day asked. */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    JsonNode root = JsonAnswers.tree(body);
    if (!root.isArray()) {
      return Optional.of(
          ProviderError.malformed("expected a JSON array of lists, got " + root.getNodeType()));
    }
    return root.isEmpty()
        ? Optional.of(ProviderError.noData("no list is valid on the day asked"))
        : Optional.empty();
  }

  /** The newest setting day of the answer's rates, as the parser files them. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    LocalDate newest = null;
    for (JsonNode list : JsonAnswers.tree(body)) {
      for (JsonNode currency : list.path("currencies")) {
        String time = currency.path("date").asText("");
        try {
          LocalDate day = LocalDate.parse(time.substring(0, Math.min(10, time.length())));
          newest = newest == null || day.isAfter(newest) ? day : newest;
        } catch (DateTimeParseException notADate) {
          // another currency may still say it
        }
      }
    }
    return Optional.ofNullable(newest);
  }

  private SourceRequest request(LocalDate validOn, LocalDate requested) {
    return new SourceRequest(
        URI.create(baseUrl + "/currencies/?date=" + validOn),
        "GET",
        HEADERS,
        Map.of("date", validOn.toString()),
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
      return Optional.of(new NationalBankOfGeorgiaSamples());
    }
  }
}
