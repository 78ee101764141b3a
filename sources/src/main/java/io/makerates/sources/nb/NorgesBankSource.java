package io.makerates.sources.nb;

import com.google.auto.service.AutoService;
import io.makerates.sources.BaseUrl;
import io.makerates.sources.KeylessRateSource;
import io.makerates.sources.ProviderError;
import io.makerates.sources.SampleAnswers;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypeProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Norges Bank, SDMX REST at {@code data.norges-bank.no/api}: {@code
 * /data/EXR/B..NOK.SP?format=csvdata&startPeriod=…&endPeriod=…} gives every currency's business-day
 * spot rate against NOK; "latest" asks for {@code lastNObservations=1} of each series. Keyless; NOK
 * per 10^UNIT_MULT units.
 *
 * <p>Independence group ECB: for every currency the ECB publishes, Norges Bank's rate is the ECB
 * reference rate crossed through EUR/NOK (equal to the ECB cross within 1.5 bp on every day
 * compared), so it is the ECB's voice again, not a second one. Its own figures are only for the
 * currencies the ECB lacks (BDT, BYN, MMK, PKR, TWD, VND and XDR), which still vote in that group
 * here.
 */
public final class NorgesBankSource extends KeylessRateSource {

  public static final String TYPE = "nb";
  public static final String DEFAULT_BASE_URL = "https://data.norges-bank.no/api";
  public static final String BASE = "NOK";

  /**
   * Published on Norwegian business days shortly after the ECB's 16:00 CET release (the reference
   * project polls from 14:00 UTC).
   */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "ECB",
          new NorgesBankParser(),
          config -> new NorgesBankSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("16:15", "Europe/Oslo", "18:30")));

  static final String PATH = "/data/EXR/B..NOK.SP";
  private static final Map<String, String> HEADERS = Map.of("Accept", "text/csv");

  public NorgesBankSource(URI baseUrl) {
    super(TYPE, baseUrl);
  }

  @Override
  public SourceRequest latest() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("format", "csvdata");
    params.put("lastNObservations", "1");
    return request(params, null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return range(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    requireOrdered(from, to);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("format", "csvdata");
    params.put("startPeriod", from.toString());
    params.put("endPeriod", to.toString());
    return request(params, from, to);
  }

  @Override
  public int longestRangeDays() {
    return 366;
  }

  /**
   * A 2xx answer is the SDMX-CSV with its header; a 404 is SDMX REST's "no results" for the period
   * asked (a Norwegian holiday or weekend).
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status == 404) {
      return Optional.of(ProviderError.noData("no observations for the period asked"));
    }
    return unlessRecognised(
        status,
        body,
        text -> text.strip().startsWith("FREQ,") || text.startsWith("\uFEFFFREQ,"),
        "not Norges Bank's SDMX-CSV (an HTML page?)");
  }

  /** The newest {@code TIME_PERIOD} of the answer, found by the header's column names. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    if (body == null) {
      return Optional.empty();
    }
    String[] lines = new String(body, StandardCharsets.UTF_8).split("\r?\n");
    int period = List.of(lines[0].strip().split(",", -1)).indexOf("TIME_PERIOD");
    List<String> dates = new ArrayList<>();
    for (int i = 1; period >= 0 && i < lines.length; i++) {
      String[] cells = lines[i].split(",", -1);
      if (cells.length > period) {
        dates.add(cells[period]);
      }
    }
    return newest(dates, DateTimeFormatter.ISO_LOCAL_DATE);
  }

  private SourceRequest request(Map<String, String> params, LocalDate from, LocalDate to) {
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
      return Optional.of(new NorgesBankSamples());
    }
  }
}
