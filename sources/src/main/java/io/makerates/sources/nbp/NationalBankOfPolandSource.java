package io.makerates.sources.nbp;

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
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * National Bank of Poland, {@code api.nbp.pl/api/exchangerates/tables/A}: Table A of daily mid
 * rates, the current one, one day's ({@code /A/{date}/}) or a range's ({@code /A/{from}/{to}/}, at
 * most 93 days). Keyless; PLN per unit; a span without a working day answers 404 with the text
 * {@code 404 NotFound - Not Found - Brak danych} ("no data").
 */
public final class NationalBankOfPolandSource extends KeylessRateSource {

  public static final String TYPE = "nbp";
  public static final String DEFAULT_BASE_URL = "https://api.nbp.pl/api";
  public static final String BASE = "PLN";
  static final String TABLE_PATH = "/exchangerates/tables/A";

  /** Table A appears on Polish working days between 11:45 and 12:15 Warsaw time. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "NBP",
          new NationalBankOfPolandParser(),
          config -> new NationalBankOfPolandSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("12:20", "Europe/Warsaw", "15:00")));

  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  public NationalBankOfPolandSource(URI baseUrl) {
    super(TYPE, baseUrl);
  }

  @Override
  public SourceRequest latest() {
    return request("/", Map.of("format", "json"), null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return request("/" + date + "/", Map.of("format", "json", "date", date.toString()), date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    requireOrdered(from, to);
    if (from.plusDays(longestRangeDays() - 1).isBefore(to)) {
      throw new IllegalArgumentException(
          "NBP answers at most " + longestRangeDays() + " days at once, not " + from + ".." + to);
    }
    return request(
        "/" + from + "/" + to + "/",
        Map.of("format", "json", "startDate", from.toString(), "endDate", to.toString()),
        from,
        to);
  }

  @Override
  public int longestRangeDays() {
    return 93;
  }

  /**
   * A 2xx answer is a JSON array of tables; a 404 says there is no table for the dates asked (a
   * holiday).
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status >= 200 && status < 300) {
      JsonNode root = JsonAnswers.tree(body);
      return root.isArray()
          ? Optional.empty()
          : Optional.of(
              ProviderError.malformed(
                  "expected a JSON array of tables, got " + root.getNodeType()));
    }
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
    if (status == 404 && text.contains("Brak danych")) {
      return Optional.of(
          ProviderError.noData(
              "no table for the dates asked (a Polish holiday or weekend): " + text));
    }
    return status == 400 && !text.isEmpty()
        ? Optional.of(ProviderError.other(text))
        : Optional.empty();
  }

  /** The newest {@code effectiveDate} of the answer. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    LocalDate newest = null;
    for (JsonNode table : JsonAnswers.tree(body)) {
      try {
        LocalDate date = LocalDate.parse(table.path("effectiveDate").asText(""));
        newest = newest == null || date.isAfter(newest) ? date : newest;
      } catch (DateTimeParseException notADate) {
        // another table may still say it
      }
    }
    return Optional.ofNullable(newest);
  }

  private SourceRequest request(
      String path, Map<String, String> params, LocalDate from, LocalDate to) {
    return new SourceRequest(
        URI.create(baseUrl + TABLE_PATH + path + "?format=json"),
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
      return Optional.of(new NationalBankOfPolandSamples());
    }
  }
}
