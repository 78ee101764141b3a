package io.makerates.sources.bna;

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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Banco Nacional de Angola, {@code www.bna.ao/service/rest}: {@code
 * /taxas/get/evolucao/taxa/intervalo?datainicio=…&datafim=…&moeda=…&tipocambio=M} gives the mid
 * reference rates of a currency over a date window. It is meant to take one currency, but {@code
 * moeda=ALL} (the Albanian lek's code) answers with every currency the bank quotes, the lek
 * included: this type asks that way, one request for the whole table. Should the bank ever read ALL
 * as the lek alone, the answer still parses, with one currency. The "latest" request asks for the
 * last five days. Keyless; AOA per unit.
 *
 * <p>Its own group: USD/AOA is the bank's own figure; its crosses sit within 6 bp of the ECB's
 * same-day values without equalling them, so it is not shown to copy the ECB.
 */
public final class BancoNacionalDeAngolaSource extends KeylessRateSource {

  public static final String TYPE = "bna";
  public static final String DEFAULT_BASE_URL = "https://www.bna.ao/service/rest";
  public static final String BASE = "AOA";

  /** The reference rates appear in the Luanda afternoon on Angolan business days. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "BNA",
          new BancoNacionalDeAngolaParser(),
          config -> new BancoNacionalDeAngolaSource(config.baseUrl(), Clock.systemUTC()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("16:00", "Africa/Luanda", "18:30")));

  static final String PATH = "/taxas/get/evolucao/taxa/intervalo";
  static final String EVERY_CURRENCY = "ALL";
  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final Clock clock;

  public BancoNacionalDeAngolaSource(URI baseUrl, Clock clock) {
    super(TYPE, baseUrl);
    this.clock = clock;
  }

  @Override
  public SourceRequest latest() {
    LocalDate today = LocalDate.now(clock);
    // five days back: past a long weekend, and no day older than streams-app takes from a
    // latest answer (MAKERATES_VALIDATION_STALE_LATEST_DAYS)
    return request(today.minusDays(5), today, null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return range(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    requireOrdered(from, to);
    return request(from, to, from, to);
  }

  /** Every currency for every day: about 12 KB a day, so a month per request. */
  @Override
  public int longestRangeDays() {
    return 31;
  }

  /**
   * A 2xx answer is an object with a {@code genericResponse} array, empty when the window holds no
   * rates; {@code "success":false} is the provider's error.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    JsonNode root = JsonAnswers.tree(body);
    if (root.path("success").isBoolean() && !root.path("success").asBoolean()) {
      return status == 429 || status >= 500
          ? Optional.empty()
          : Optional.of(ProviderError.other("the answer says success false"));
    }
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    Optional<String> problem = JsonAnswers.objectProblem(body);
    if (problem.isPresent()) {
      return problem.map(ProviderError::malformed);
    }
    JsonNode rows = root.path("genericResponse");
    if (!rows.isArray()) {
      return Optional.of(ProviderError.malformed("a JSON object without genericResponse"));
    }
    return rows.isEmpty()
        ? Optional.of(ProviderError.noData("no reference rates in the dates asked"))
        : Optional.empty();
  }

  /** The newest {@code data} of the answer. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    List<String> dates = new ArrayList<>();
    for (JsonNode row : JsonAnswers.tree(body).path("genericResponse")) {
      dates.add(row.path("data").asText(""));
    }
    return newest(dates, DateTimeFormatter.ISO_LOCAL_DATE);
  }

  private SourceRequest request(
      LocalDate windowFrom, LocalDate windowTo, LocalDate from, LocalDate to) {
    // the service wants its parameter names in lower case
    Map<String, String> params = new LinkedHashMap<>();
    params.put("datafim", windowTo.toString());
    params.put("datainicio", windowFrom.toString());
    params.put("moeda", EVERY_CURRENCY);
    params.put("tipocambio", BancoNacionalDeAngolaParser.MID);
    return new SourceRequest(
        URI.create(baseUrl + PATH + BaseUrl.query(params)), "GET", HEADERS, params, from, to, null);
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
      return Optional.of(new BnaSamples());
    }
  }
}
