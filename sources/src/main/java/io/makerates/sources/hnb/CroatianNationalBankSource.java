package io.makerates.sources.hnb;

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
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Croatian National Bank, {@code api.hnb.hr}: {@code
 * /tecajn-eur/v3?datum-primjene-od=…&datum-primjene-do=…} lists the rates that apply on each day of
 * a range. The parser files a list under the ECB day it copies (the weekday before it applies), so
 * the rates of ECB day D are asked as the lists applying from D + 1 to the next weekday, and
 * "latest" asks for today's and tomorrow's lists in Zagreb. Keyless; units per EUR. Served from
 * 2023 on (the euro lists); the kuna-era endpoint is not used.
 *
 * <p>Independence group ECB: since Croatia joined the euro, HNB's middle rates are the ECB
 * reference rates of the previous TARGET day, digit for digit, so HNB adds no voice of its own for
 * those currencies. Its list also carries BAM, which the ECB does not publish (the convertible
 * mark's fixed rate to the euro); it votes in the ECB group here.
 */
public final class CroatianNationalBankSource extends KeylessRateSource {

  public static final String TYPE = "hnb";
  public static final String DEFAULT_BASE_URL = "https://api.hnb.hr";
  public static final String BASE = "EUR";

  /**
   * The next day's list copies the ECB's rates of today, so it cannot appear before the ECB's 16:00
   * CET release.
   */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "ECB",
          new CroatianNationalBankParser(),
          config -> new CroatianNationalBankSource(config.baseUrl(), Clock.systemUTC()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("16:30", "Europe/Zagreb", "20:00")));

  static final ZoneId ZONE = ZoneId.of("Europe/Zagreb");
  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final Clock clock;

  public CroatianNationalBankSource(URI baseUrl, Clock clock) {
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

  @Override
  public int longestRangeDays() {
    return 366;
  }

  /** A 2xx answer is a JSON array of list rows (empty when no list applies yet). */
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

  /** The ECB day of the newest list, as the parser files it. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    LocalDate newest = null;
    for (JsonNode row : JsonAnswers.tree(body)) {
      try {
        LocalDate date =
            CroatianNationalBankParser.ecbDay(LocalDate.parse(row.path("datum_primjene").asText()));
        newest = newest == null || date.isAfter(newest) ? date : newest;
      } catch (DateTimeParseException notADate) {
        // another row may still say it
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

  private SourceRequest request(LocalDate od, LocalDate to, LocalDate from, LocalDate until) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("datum-primjene-od", od.toString());
    params.put("datum-primjene-do", to.toString());
    return new SourceRequest(
        URI.create(baseUrl + "/tecajn-eur/v3" + BaseUrl.query(params)),
        "GET",
        HEADERS,
        params,
        from,
        until,
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
      return Optional.of(new CroatianNationalBankSamples());
    }
  }
}
