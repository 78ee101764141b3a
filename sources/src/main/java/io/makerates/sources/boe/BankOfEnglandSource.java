package io.makerates.sources.boe;

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
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Bank of England, Statistical Interactive Database: {@code /_iadb-fromshowcolumns.asp?csv.x=yes}
 * with the spot series of 26 currencies against sterling and a date window ({@code Datefrom},
 * {@code Dateto}, written {@code 17/Mar/2026}). The "latest" request asks for the last four days (a
 * weekend and a bank holiday included), so the newest published day is in it. Keyless; units of
 * currency per GBP. A bad request is answered with an HTML page and status 200.
 */
public final class BankOfEnglandSource extends KeylessRateSource {

  public static final String TYPE = "boe";
  public static final String DEFAULT_BASE_URL = "https://www.bankofengland.co.uk/boeapps/database";
  public static final String BASE = "GBP";

  /**
   * XUDL… spot series, in the order the export lists them (the parser maps each to its currency).
   */
  static final List<String> SERIES =
      List.of(
          "XUDLUSS",
          "XUDLERS",
          "XUDLJYS",
          "XUDLCDS",
          "XUDLSFS",
          "XUDLADS",
          "XUDLNDS",
          "XUDLNKS",
          "XUDLSKS",
          "XUDLDKS",
          "XUDLHDS",
          "XUDLSGS",
          "XUDLSRS",
          "XUDLZRS",
          "XUDLTWS",
          "XUDLBK25",
          "XUDLBK33",
          "XUDLBK47",
          "XUDLBK78",
          "XUDLBK83",
          "XUDLBK87",
          "XUDLBK89",
          "XUDLBK93",
          "XUDLBK95",
          "XUDLBK97",
          "XUDLZOS4");

  /** The rates are observed around 4 pm London time on UK business days. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "BOE",
          new BankOfEnglandParser(),
          config -> new BankOfEnglandSource(config.baseUrl(), Clock.systemUTC()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("16:30", "Europe/London", "19:00")));

  private static final DateTimeFormatter WINDOW =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter ROW =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
  private static final Map<String, String> HEADERS = Map.of("Accept", "text/csv");

  private final Clock clock;

  public BankOfEnglandSource(URI baseUrl, Clock clock) {
    super(TYPE, baseUrl);
    this.clock = clock;
  }

  @Override
  public SourceRequest latest() {
    LocalDate today = LocalDate.now(clock);
    return request(today.minusDays(4), today, null, null);
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
   * A 2xx answer is the CSV export, starting {@code DATE,}; anything else (an HTML page) is
   * malformed.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    return unlessRecognised(
        status,
        body,
        text -> text.startsWith("DATE,"),
        "not the database's CSV export (an HTML page: a bad series or date?)");
  }

  /** The newest row's date. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    if (body == null) {
      return Optional.empty();
    }
    List<String> dates = new ArrayList<>();
    for (String line : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
      int comma = line.indexOf(',');
      if (comma > 0 && !line.startsWith("DATE")) {
        dates.add(line.substring(0, comma));
      }
    }
    return newest(dates, ROW);
  }

  private SourceRequest request(
      LocalDate windowFrom, LocalDate windowTo, LocalDate from, LocalDate to) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("CSVF", "TN");
    params.put("Datefrom", WINDOW.format(windowFrom));
    params.put("Dateto", WINDOW.format(windowTo));
    params.put("SeriesCodes", String.join(",", SERIES));
    params.put("UsingCodes", "Y");
    params.put("csv.x", "yes");
    return new SourceRequest(
        URI.create(baseUrl + "/_iadb-fromshowcolumns.asp" + BaseUrl.query(params)),
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
      return Optional.of(new BankOfEnglandSamples());
    }
  }
}
