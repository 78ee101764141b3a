package io.makerates.sources.bcb;

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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Banco Central do Brasil, PTAX OData service ({@code olinda.bcb.gov.br}): {@code
 * CotacaoMoedaPeriodo(moeda,dataInicial,dataFinalCotacao)} gives one currency's bulletins over a
 * date window, filtered to the closing bulletin. The function takes one currency per request and
 * its answer does not say which, so this type asks for the dollar only (the PTAX rate proper); the
 * other nine PTAX currencies would need a request each. Dates are quoted OData literals, month
 * first ({@code '03-01-2026'}). The "latest" request asks for the last five days, so the newest
 * closing is in it across a weekend and a holiday. Keyless; BRL per USD.
 */
public final class BancoCentralDoBrasilSource extends KeylessRateSource {

  public static final String TYPE = "bcb";
  public static final String DEFAULT_BASE_URL =
      "https://olinda.bcb.gov.br/olinda/servico/PTAX/versao/v1/odata";
  public static final String BASE = "BRL";

  /** The closing PTAX is stamped between 13:03 and 13:10 Brasília time on business days. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "BCB",
          new BancoCentralDoBrasilParser(),
          config -> new BancoCentralDoBrasilSource(config.baseUrl(), Clock.systemUTC()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("13:20", "America/Sao_Paulo", "16:00")));

  static final String FUNCTION =
      "/CotacaoMoedaPeriodo(moeda=@moeda,dataInicial=@dataInicial,"
          + "dataFinalCotacao=@dataFinalCotacao)";
  private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("MM-dd-yyyy");
  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  private final Clock clock;

  public BancoCentralDoBrasilSource(URI baseUrl, Clock clock) {
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

  @Override
  public int longestRangeDays() {
    return 366;
  }

  /**
   * A 2xx answer is an object with a {@code value} array, empty when no closing falls in the window
   * (a weekend or a Brazilian holiday); errors are OData's {@code {"error":{"message"}}}.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    JsonNode root = JsonAnswers.tree(body);
    if (status >= 200 && status < 300) {
      Optional<String> problem = JsonAnswers.objectProblem(body);
      if (problem.isPresent()) {
        return problem.map(ProviderError::malformed);
      }
      JsonNode rows = root.path("value");
      if (!rows.isArray()) {
        return Optional.of(ProviderError.malformed("a JSON object without a value array"));
      }
      return rows.isEmpty()
          ? Optional.of(ProviderError.noData("no PTAX closing in the dates asked"))
          : Optional.empty();
    }
    JsonNode message = root.path("error").path("message");
    return message.isTextual()
        ? Optional.of(ProviderError.other(message.asText()))
        : Optional.empty();
  }

  /** The newest closing's date (the date part of {@code dataHoraCotacao}). */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    List<String> dates = new ArrayList<>();
    for (JsonNode row : JsonAnswers.tree(body).path("value")) {
      String stamp = row.path("dataHoraCotacao").asText("");
      if (stamp.length() >= 10
          && BancoCentralDoBrasilParser.CLOSING.equals(row.path("tipoBoletim").asText(""))) {
        dates.add(stamp.substring(0, 10));
      }
    }
    return newest(dates, DateTimeFormatter.ISO_LOCAL_DATE);
  }

  private SourceRequest request(
      LocalDate windowFrom, LocalDate windowTo, LocalDate from, LocalDate to) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("moeda", BancoCentralDoBrasilParser.CURRENCY);
    params.put("dataInicial", LITERAL.format(windowFrom));
    params.put("dataFinalCotacao", LITERAL.format(windowTo));
    // OData literals are quoted, and a URI holds neither quotes nor spaces: both are escaped
    String query =
        "?@moeda=%27"
            + params.get("moeda")
            + "%27&@dataInicial=%27"
            + params.get("dataInicial")
            + "%27&@dataFinalCotacao=%27"
            + params.get("dataFinalCotacao")
            + "%27&$filter=tipoBoletim%20eq%20%27"
            + BancoCentralDoBrasilParser.CLOSING
            + "%27&$format=json";
    return new SourceRequest(
        URI.create(baseUrl + FUNCTION + query), "GET", HEADERS, params, from, to, "v1");
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
      return Optional.of(new BcbSamples());
    }
  }
}
