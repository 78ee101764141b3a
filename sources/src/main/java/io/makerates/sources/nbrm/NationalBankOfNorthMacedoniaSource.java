package io.makerates.sources.nbrm;

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
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * National Bank of the Republic of North Macedonia, {@code
 * www.nbrm.mk/KLServiceNOV/GetExchangeRate?StartDate=dd.mm.yyyy&EndDate=dd.mm.yyyy&format=json}:
 * the lists applying on each day of a range, all currencies at once. The parser files a list under
 * its formation day, so the rates of day D are asked as the lists applying from D + 1 to the next
 * weekday, and "latest" asks for today's and tomorrow's lists in Skopje. Keyless; MKD per {@code
 * nomin} units. Each row repeats its names in three languages: 90 days are about 830 KB.
 *
 * <p>Independence group ECB: on ECB days NBRM's rates are the ECB reference rates of the formation
 * day crossed through NBRM's EUR/MKD (the crosses equal the ECB's to rounding), so for the ECB's
 * currencies it is the ECB's voice again. Its own are MKD itself (the EUR/MKD rate), RSD and RUB,
 * which the ECB does not publish, and the lists it formed on TARGET holidays (3 and 6 April 2026),
 * when the ECB published nothing; they vote in the ECB group here.
 */
public final class NationalBankOfNorthMacedoniaSource extends KeylessRateSource {

  public static final String TYPE = "nbrm";
  public static final String DEFAULT_BASE_URL = "https://www.nbrm.mk/KLServiceNOV";
  public static final String BASE = "MKD";

  /**
   * The next day's list copies the ECB's rates of today, so it cannot appear before the ECB's 16:00
   * CET release.
   */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "ECB",
          new NationalBankOfNorthMacedoniaParser(),
          config -> new NationalBankOfNorthMacedoniaSource(config.baseUrl(), Clock.systemUTC()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("17:00", "Europe/Skopje", "20:00")));

  static final ZoneId ZONE = ZoneId.of("Europe/Skopje");
  private static final DateTimeFormatter REQUEST = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final Clock clock;

  public NationalBankOfNorthMacedoniaSource(URI baseUrl, Clock clock) {
    super(TYPE, baseUrl);
    this.clock = clock;
  }

  @Override
  public SourceRequest latest() {
    LocalDate today = LocalDate.now(clock.withZone(ZONE));
    return request(today, today.plusDays(1), null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return range(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    requireOrdered(from, to);
    return request(from.plusDays(1), nextWeekday(to), from, to);
  }

  /** 90 days of lists are 830 KB; longer answers are not worth the risk of a cut-off body. */
  @Override
  public int longestRangeDays() {
    return 90;
  }

  /** A 2xx answer is a JSON array of list rows; the site's firewall answers with HTML pages. */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    JsonNode root = JsonAnswers.tree(body);
    return root.isArray()
        ? Optional.empty()
        : Optional.of(
            ProviderError.malformed(
                "expected a JSON array of list rows, got " + root.getNodeType()));
  }

  /** The newest formation day ({@code datum_f}) of the answer. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    List<String> dates = new ArrayList<>();
    for (JsonNode row : JsonAnswers.tree(body)) {
      String formed = row.path("datum_f").asText("");
      dates.add(formed.length() >= 10 ? formed.substring(0, 10) : formed);
    }
    return newest(dates, DateTimeFormatter.ISO_LOCAL_DATE);
  }

  private static LocalDate nextWeekday(LocalDate date) {
    LocalDate day = date.plusDays(1);
    while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      day = day.plusDays(1);
    }
    return day;
  }

  private SourceRequest request(LocalDate start, LocalDate end, LocalDate from, LocalDate to) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("StartDate", REQUEST.format(start));
    params.put("EndDate", REQUEST.format(end));
    params.put("format", "json");
    return new SourceRequest(
        URI.create(baseUrl + "/GetExchangeRate" + BaseUrl.query(params)),
        "GET",
        HEADERS,
        params,
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
      return Optional.of(new NbrmSamples());
    }
  }
}
