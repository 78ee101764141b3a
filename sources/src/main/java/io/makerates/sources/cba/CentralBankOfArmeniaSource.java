package io.makerates.sources.cba;

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
 * Central Bank of Armenia, the SOAP 1.1 service {@code exchangerates.asmx}, called by POST.
 * "Latest" is the operation {@code ExchangeRatesLatest}, which takes no parameters; one day and a
 * range are {@code ExchangeRatesByDateRangeByISO} with {@code ISOCodes} (a comma list), {@code
 * DateFrom} and {@code DateTo}, the params of the request, from which {@link #body(SourceRequest)}
 * writes the envelope the fetcher posts. Keyless; AMD per {@code Amount} units.
 */
public final class CentralBankOfArmeniaSource extends KeylessRateSource {

  public static final String TYPE = "cba";
  public static final String DEFAULT_BASE_URL = "https://api.cba.am/exchangerates.asmx";
  public static final String BASE = CentralBankOfArmeniaParser.BASE;
  static final String NAMESPACE = "http://www.cba.am/";
  static final String LATEST = "ExchangeRatesLatest";
  static final String RANGE = "ExchangeRatesByDateRangeByISO";

  /** The 30 codes of the daily list, in the order the recorded request names them. */
  static final String CURRENCIES =
      "USD,GBP,AUD,EUR,XDR,IRR,PLN,CAD,INR,NOK,JPY,SEK,CHF,CZK,CNY,SGD,BRL,AED,KGS,KZT,RUB,UAH,UZS,"
          + "BYN,TJS,GEL,HKD,XAU,XAG,NZD";

  /**
   * The recording at 14:48 Yerevan (10:48 UTC) did not hold that day's list yet; the project polls
   * 12:00–14:30 UTC on weekdays, 16:00–18:30 in Yerevan (UTC+4 all year).
   */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "CBA",
          new CentralBankOfArmeniaParser(),
          config -> new CentralBankOfArmeniaSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("16:00", "Asia/Yerevan", "18:30")));

  private static final Pattern DATE =
      Pattern.compile("<(?:CurrentDate|RateDate)>(\\d{4}-\\d{2}-\\d{2})T");
  private static final Pattern ROW = Pattern.compile("<ExchangeRatesByRange[\\s>]");

  public CentralBankOfArmeniaSource(URI baseUrl) {
    super(TYPE, baseUrl);
  }

  @Override
  public SourceRequest latest() {
    return request(LATEST, Map.of(), null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return range(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    requireOrdered(from, to);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("ISOCodes", CURRENCIES);
    params.put("DateFrom", from.toString());
    params.put("DateTo", to.toString());
    return request(RANGE, params, from, to);
  }

  /**
   * About 65 business days of 30 rows: some 450 KB of DataSet markup, already five times the
   * recorded answer of 13 days.
   */
  @Override
  public int longestRangeDays() {
    return 92;
  }

  /**
   * The SOAP envelope of a request this adapter built: {@code ExchangeRatesLatest} without params,
   * else {@code ExchangeRatesByDateRangeByISO} with them, in the service's order.
   */
  public static String body(SourceRequest request) {
    Map<String, String> params = request.params();
    String operation;
    if (params.isEmpty()) {
      operation = "<" + LATEST + " xmlns=\"" + NAMESPACE + "\" />";
    } else {
      operation =
          "<"
              + RANGE
              + " xmlns=\""
              + NAMESPACE
              + "\">"
              + SoapCalls.element("ISOCodes", params.get("ISOCodes"))
              + SoapCalls.element("DateFrom", params.get("DateFrom"))
              + SoapCalls.element("DateTo", params.get("DateTo"))
              + "</"
              + RANGE
              + ">";
    }
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        + "<soap:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
        + " xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
        + operation
        + "</soap:Body></soap:Envelope>";
  }

  /**
   * A 2xx answer is an envelope with one of the two results; a SOAP fault (status 500) is the
   * provider's error, and a range result whose DataSet holds no row is a range of weekends and
   * holidays: no data.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    Optional<ProviderError> fault = SoapCalls.fault(body);
    if (fault.isPresent()) {
      return fault;
    }
    Optional<ProviderError> unrecognised =
        unlessRecognised(
            status,
            body,
            answer -> answer.contains(LATEST + "Result") || answer.contains(RANGE + "Result"),
            "not a CBA exchangerates.asmx answer (an HTML page?)");
    if (unrecognised.isPresent() || status < 200 || status >= 300) {
      return unrecognised;
    }
    String text = new String(body, StandardCharsets.UTF_8);
    return text.contains(RANGE + "Result") && !ROW.matcher(text).find()
        ? Optional.of(ProviderError.noData("no rates in the dates asked (weekends, holidays)"))
        : Optional.empty();
  }

  /** The newest {@code CurrentDate} or {@code RateDate}, read as written (Yerevan's day). */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    if (body == null) {
      return Optional.empty();
    }
    List<String> dates = new ArrayList<>();
    Matcher m = DATE.matcher(new String(body, StandardCharsets.UTF_8));
    while (m.find()) {
      dates.add(m.group(1));
    }
    return newest(dates, DateTimeFormatter.ISO_LOCAL_DATE);
  }

  private SourceRequest request(
      String operation, Map<String, String> params, LocalDate from, LocalDate to) {
    // SOAP 1.1 writes the action as a quoted URI, as the recorded requests send it
    Map<String, String> headers =
        Map.of(
            "Content-Type",
            "text/xml; charset=utf-8",
            "SOAPAction",
            "\"" + NAMESPACE + operation + "\"");
    SourceRequest request =
        new SourceRequest(URI.create(baseUrl), "POST", headers, params, from, to, null);
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
      return Optional.of(new CentralBankOfArmeniaSamples());
    }
  }
}
