package io.makerates.sources.nbu;

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
import java.nio.charset.StandardCharsets;
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
 * National Bank of Ukraine, {@code bank.gov.ua/NBU_Exchange/exchange_site}: every currency's
 * official rate for a span of exchange dates ({@code start}, {@code end} as yyyyMMdd) in one
 * request. Keyless; UAH per {@code units} units.
 *
 * <p>The parser files a list under the day it was set ({@code calcdate}), which is the business day
 * before the exchange date it applies to. So the setting days {@code from..to} are asked as the
 * exchange dates from {@code from + 1} to the weekday after {@code to} (a Friday's list applies on
 * Monday); the answer may also hold the list set just before {@code from}. {@code latest} asks the
 * exchange dates from today to today + 3 in Kyiv: today's list and, once set, the next one.
 */
public final class NationalBankOfUkraineSource extends KeylessRateSource {

  public static final String TYPE = "nbu";
  public static final String DEFAULT_BASE_URL = "https://bank.gov.ua/NBU_Exchange";
  public static final String BASE = "UAH";
  static final ZoneId ZONE = ZoneId.of("Europe/Kyiv");

  /** NBU sets the next business day's rate in the afternoon of a Ukrainian business day. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "NBU",
          new NationalBankOfUkraineParser(),
          config -> new NationalBankOfUkraineSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("15:45", ZONE.getId(), "18:30")));

  private static final DateTimeFormatter REQUEST = DateTimeFormatter.BASIC_ISO_DATE;
  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final Clock clock;

  public NationalBankOfUkraineSource(URI baseUrl) {
    this(baseUrl, Clock.system(ZONE));
  }

  NationalBankOfUkraineSource(URI baseUrl, Clock clock) {
    super(TYPE, baseUrl);
    this.clock = clock;
  }

  @Override
  public SourceRequest latest() {
    LocalDate today = LocalDate.now(clock.withZone(ZONE));
    return request(today, today.plusDays(3), null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return range(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    requireOrdered(from, to);
    LocalDate end = to.plusDays(1);
    while (end.getDayOfWeek() == DayOfWeek.SATURDAY || end.getDayOfWeek() == DayOfWeek.SUNDAY) {
      end = end.plusDays(1);
    }
    return request(from.plusDays(1), end, from, to);
  }

  @Override
  public int longestRangeDays() {
    return 92;
  }

  /**
   * A 2xx answer is a JSON array of rates; an empty one says no list applies on the dates asked.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    JsonNode root = JsonAnswers.tree(body);
    if (!root.isArray()) {
      String start =
          body == null ? "" : new String(body, StandardCharsets.UTF_8).strip().replace('\n', ' ');
      return Optional.of(
          ProviderError.malformed(
              "expected a JSON array of rates, got: "
                  + start.substring(0, Math.min(start.length(), 80))));
    }
    return root.isEmpty()
        ? Optional.of(ProviderError.noData("no rate applies on the exchange dates asked"))
        : Optional.empty();
  }

  /** The newest {@code calcdate} of the answer: the day the newest list observes. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    List<String> dates = new ArrayList<>();
    JsonAnswers.tree(body).forEach(rate -> dates.add(rate.path("calcdate").asText("")));
    return newest(dates, NationalBankOfUkraineParser.DATE);
  }

  private SourceRequest request(
      LocalDate start, LocalDate end, LocalDate requestedFrom, LocalDate requestedTo) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("start", REQUEST.format(start));
    params.put("end", REQUEST.format(end));
    params.put("sort", "exchangedate");
    params.put("order", "asc");
    params.put("json", "");
    return new SourceRequest(
        URI.create(baseUrl + "/exchange_site" + BaseUrl.query(params)),
        "GET",
        HEADERS,
        params,
        requestedFrom,
        requestedTo,
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
      return Optional.of(new NationalBankOfUkraineSamples());
    }
  }
}
