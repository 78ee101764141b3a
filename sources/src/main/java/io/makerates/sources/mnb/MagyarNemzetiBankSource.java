package io.makerates.sources.mnb;

import com.google.auto.service.AutoService;
import io.makerates.sources.KeylessRateSource;
import io.makerates.sources.ProviderError;
import io.makerates.sources.SampleAnswers;
import io.makerates.sources.SoapCalls;
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
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Magyar Nemzeti Bank, the SOAP 1.1 service {@code arfolyamok.asmx}: every request is a POST of the
 * operation {@code GetExchangeRates} with {@code startDate}, {@code endDate} and {@code
 * currencyNames} (a comma list; an empty one answers empty days). The request therefore carries a
 * body, which {@link SourceRequest} cannot hold: its params name the three operation parameters and
 * {@link #body(SourceRequest)} writes the envelope from them, for the fetcher to send. "Latest"
 * asks for the last five days. Keyless; HUF per {@code unit} units, decimal commas.
 */
public final class MagyarNemzetiBankSource extends KeylessRateSource {

  public static final String TYPE = "mnb";
  public static final String DEFAULT_BASE_URL = "https://www.mnb.hu/arfolyamok.asmx";
  public static final String BASE = "HUF";
  public static final String SOAP_ACTION =
      "http://www.mnb.hu/webservices/MNBArfolyamServiceSoap/GetExchangeRates";

  /** The currencies MNB publishes daily, as the recorded request names them. */
  static final String CURRENCIES =
      "AUD,BRL,CAD,CHF,CNY,CZK,DKK,EUR,GBP,HKD,IDR,ILS,INR,ISK,JPY,KRW,MXN,MYR,NOK,NZD,PHP,PLN,"
          + "RON,RSD,RUB,SEK,SGD,THB,TRY,UAH,USD,ZAR";

  /** The official rates are published around 11:00 Budapest time on Hungarian business days. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "MNB",
          new MagyarNemzetiBankParser(),
          config -> new MagyarNemzetiBankSource(config.baseUrl(), Clock.systemUTC()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("12:15", "Europe/Budapest", "15:00")));

  private static final Map<String, String> HEADERS =
      Map.of("Content-Type", "text/xml; charset=utf-8", "SOAPAction", SOAP_ACTION);
  private static final Pattern DAY = Pattern.compile("Day date=\"(\\d{4}-\\d{2}-\\d{2})\"");

  private final Clock clock;

  public MagyarNemzetiBankSource(URI baseUrl, Clock clock) {
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
   * The SOAP envelope of a request this adapter built, from its params (the operation's own
   * parameters): what the fetcher posts.
   */
  public static String body(SourceRequest request) {
    Map<String, String> params = request.params();
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
        + "<GetExchangeRates xmlns=\"http://www.mnb.hu/webservices/\">"
        + SoapCalls.element("startDate", params.get("startDate"))
        + SoapCalls.element("endDate", params.get("endDate"))
        + SoapCalls.element("currencyNames", params.get("currencyNames"))
        + "</GetExchangeRates></soap:Body></soap:Envelope>";
  }

  /**
   * A 2xx answer is a SOAP envelope with the operation's result; a SOAP fault (status 500) is the
   * provider's error.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    Optional<ProviderError> fault = SoapCalls.fault(body);
    if (fault.isPresent()) {
      return fault;
    }
    return unlessRecognised(
        status,
        body,
        answer -> answer.contains("GetExchangeRatesResult"),
        "not an MNB GetExchangeRates answer (an HTML page?)");
  }

  /** The newest {@code Day date} in the escaped result (the markup is ASCII: no unescaping). */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    if (body == null) {
      return Optional.empty();
    }
    String text = new String(body, StandardCharsets.UTF_8).replace("&quot;", "\"");
    List<String> dates = new ArrayList<>();
    Matcher m = DAY.matcher(text);
    while (m.find()) {
      dates.add(m.group(1));
    }
    return newest(dates, DateTimeFormatter.ISO_LOCAL_DATE);
  }

  private SourceRequest request(
      LocalDate windowFrom, LocalDate windowTo, LocalDate from, LocalDate to) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("startDate", windowFrom.toString());
    params.put("endDate", windowTo.toString());
    params.put("currencyNames", CURRENCIES);
    SourceRequest request =
        new SourceRequest(URI.create(baseUrl), "POST", HEADERS, params, from, to, null);
    return request.withBody(body(request));
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
      return Optional.of(new MnbSamples());
    }
  }
}
