package io.makerates.sources.nbpb;

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
 * National Bank of Poland, {@code api.nbp.pl/api/exchangerates/tables/B}: Table B of weekly mid
 * rates of about 115 currencies Table A leaves out, published on Wednesdays (none on a holiday
 * Wednesday). The current table, one day's ({@code /B/{date}/}) or a range's ({@code
 * /B/{from}/{to}/}, at most 93 days). Keyless; PLN per unit; a span without a Wednesday table
 * answers 404 with the text {@code 404 NotFound - Not Found - Brak danych} ("no data"). The table
 * quotes no EUR: its rates reach EUR through the same publisher's Table A of the same day.
 */
public final class NationalBankOfPolandTableBSource extends KeylessRateSource {

  public static final String TYPE = "nbp-b";
  public static final String GROUP = "NBP";
  public static final String DEFAULT_BASE_URL = "https://api.nbp.pl/api";
  public static final String BASE = "PLN";
  static final String TABLE_PATH = "/exchangerates/tables/B";

  /**
   * Table B appears on Wednesdays, with Table A, between 11:45 and 12:15 Warsaw time. The schedule
   * knows weekdays only, so it is polled every weekday: on the other days the answer is the
   * Wednesday's table again, which the consensus reads as a repeat.
   */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          GROUP,
          new NationalBankOfPolandTableBParser(),
          config -> new NationalBankOfPolandTableBSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("12:20", "Europe/Warsaw", "15:00")));

  private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");

  public NationalBankOfPolandTableBSource(URI baseUrl) {
    super(TYPE, baseUrl);
  }

  /** The current table: last Wednesday's until the next one appears. */
  @Override
  public SourceRequest latest() {
    return request("/", Map.of("format", "json"), null, null);
  }

  /** A Wednesday's table; any other day answers the provider's 404 "Brak danych". */
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

  /** The current table is Wednesday's all week: the polls of the other days repeat it. */
  @Override
  public boolean repeatsItsLatestAnswer() {
    return true;
  }

  /**
   * A 2xx answer is a JSON array of tables; a 404 "Brak danych" says there is no table for the
   * dates asked (not a Wednesday, or a holiday); a 400 with text is the provider's refusal (a range
   * over 93 days).
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
              "no Table B for the dates asked (not a Wednesday, or a Polish holiday): " + text));
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
      return Optional.of(new NationalBankOfPolandTableBSamples());
    }

    /**
     * The current table is up to a week old (Wednesday's, until the next Wednesday's), two weeks
     * when a holiday takes a Wednesday's table.
     */
    @Override
    public int latestLagDays() {
      return 15;
    }

    /**
     * Table B quotes no EUR: its rates vote through the EUR/PLN that NBP's Table A (same group)
     * quotes for the same Wednesday.
     */
    @Override
    public boolean eurLegFromGroup() {
      return true;
    }
  }
}
