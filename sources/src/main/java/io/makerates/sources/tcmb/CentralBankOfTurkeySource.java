package io.makerates.sources.tcmb;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.BaseUrl;
import io.makerates.sources.JsonAnswers;
import io.makerates.sources.KeylessRateSource;
import io.makerates.sources.ProviderError;
import io.makerates.sources.RateSource;
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
 * Central Bank of the Republic of Türkiye, EVDS3 ({@code evds3.tcmb.gov.tr/igmevdsms-dis}): {@code
 * /series=S1-S2-…&startDate=dd-mm-yyyy&endDate=dd-mm-yyyy&type=json&frequency=1}, the parameters
 * written in the path as the service takes them, with the buying and selling series of 21
 * currencies. <b>Keyed</b>: a personal EVDS key goes in the {@code key} request header (requests
 * hold {@link SourceRequest#API_KEY_SLOT} there), so this type is not on by default; a source of it
 * is configured with its key. The parser files each day's rates under the weekday before it (when
 * they were announced), so the rates of day D are asked as those of the next weekday, and "latest"
 * asks for the past week up to the next weekday in Istanbul.
 */
public final class CentralBankOfTurkeySource implements RateSource {

  public static final String TYPE = "tcmb";
  public static final String DEFAULT_BASE_URL = "https://evds3.tcmb.gov.tr/igmevdsms-dis";
  public static final String BASE = "TRY";

  /** The indicative rates for the next business day are announced at 15:30 Istanbul time. */
  public static final SourceType SOURCE_TYPE =
      new SourceType(
          TYPE,
          "TCMB",
          new CentralBankOfTurkeyParser(),
          config -> new CentralBankOfTurkeySource(config.baseUrl(), Clock.systemUTC()),
          DEFAULT_BASE_URL,
          null,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("15:45", "Europe/Istanbul", "19:00")),
          "none");

  static final List<String> CURRENCIES =
      List.of(
          "AED", "AUD", "AZN", "CAD", "CHF", "CNY", "DKK", "EUR", "GBP", "JPY", "KRW", "KWD", "KZT",
          "NOK", "PKR", "QAR", "RON", "RUB", "SAR", "SEK", "USD");

  static final ZoneId ZONE = ZoneId.of("Europe/Istanbul");
  private static final DateTimeFormatter REQUEST = DateTimeFormatter.ofPattern("dd-MM-yyyy");

  private final String baseUrl;
  private final Clock clock;

  public CentralBankOfTurkeySource(URI baseUrl, Clock clock) {
    this.baseUrl = BaseUrl.withoutTrailingSlash(baseUrl);
    this.clock = clock;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public boolean usesApiKey() {
    return true;
  }

  @Override
  public SourceRequest latest() {
    LocalDate today = LocalDate.now(clock.withZone(ZONE));
    // five days back: past a long weekend, and no day older than streams-app takes from a
    // latest answer (MAKERATES_VALIDATION_STALE_LATEST_DAYS)
    return request(today.minusDays(5), nextWeekday(today), null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return range(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    KeylessRateSource.requireOrdered(from, to);
    return request(nextWeekday(from), nextWeekday(to), from, to);
  }

  @Override
  public int longestRangeDays() {
    return 366;
  }

  /**
   * A 2xx answer is an object with an {@code items} array; 401 and 403 refuse the key (EVDS has no
   * other credential).
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status == 401 || status == 403) {
      return Optional.of(ProviderError.keyRejected("EVDS refused the key (HTTP " + status + ")"));
    }
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    Optional<String> problem = JsonAnswers.objectProblem(body);
    if (problem.isPresent()) {
      return problem.map(ProviderError::malformed);
    }
    return JsonAnswers.tree(body).path("items").isArray()
        ? Optional.empty()
        : Optional.of(ProviderError.malformed("a JSON object without an items array"));
  }

  /** The announcement day of the newest item with a value, as the parser files it. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    LocalDate newest = null;
    for (JsonNode item : JsonAnswers.tree(body).path("items")) {
      boolean valued = false;
      for (Map.Entry<String, JsonNode> field : item.properties()) {
        valued |=
            CentralBankOfTurkeyParser.SERIES.matcher(field.getKey()).matches()
                && !field.getValue().isNull();
      }
      try {
        LocalDate date =
            CentralBankOfTurkeyParser.settingDay(
                CentralBankOfTurkeyParser.tarih(item.path("Tarih").asText(""), 0));
        newest = valued && (newest == null || date.isAfter(newest)) ? date : newest;
      } catch (AnswerRejectedException notADate) {
        // another item may still say it
      }
    }
    return Optional.ofNullable(newest);
  }

  private static LocalDate nextWeekday(LocalDate date) {
    LocalDate day = date.plusDays(1);
    while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      day = day.plusDays(1);
    }
    return day;
  }

  private SourceRequest request(LocalDate start, LocalDate end, LocalDate from, LocalDate to) {
    List<String> series = new ArrayList<>();
    for (String code : CURRENCIES) {
      series.add("TP.DK." + code + ".A.YTL");
      series.add("TP.DK." + code + ".S.YTL");
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("series", String.join("-", series));
    params.put("startDate", REQUEST.format(start));
    params.put("endDate", REQUEST.format(end));
    params.put("type", "json");
    params.put("frequency", "1");
    // EVDS3 takes its parameters in the path, not after a '?'
    String path = BaseUrl.query(params).substring(1);
    return new SourceRequest(
        URI.create(baseUrl + "/" + path),
        "GET",
        Map.of("key", SourceRequest.API_KEY_SLOT, "Accept", "application/json"),
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
      return Optional.of(new CentralBankOfTurkeySamples());
    }
  }
}
