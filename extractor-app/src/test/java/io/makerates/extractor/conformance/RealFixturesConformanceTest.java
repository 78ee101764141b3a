package io.makerates.extractor.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.makerates.extractor.ExtractionJob;
import io.makerates.extractor.SourceConfig;
import io.makerates.extractor.audit.AuditContext;
import io.makerates.extractor.audit.BronzeRecordFactory;
import io.makerates.extractor.audit.SecretRedactor;
import io.makerates.extractor.http.Exchange;
import io.makerates.extractor.http.HttpFetcher;
import io.makerates.extractor.http.HttpSettings;
import io.makerates.extractor.http.ResponseClassifier;
import io.makerates.extractor.http.Verdict;
import io.makerates.extractor.source.RateSources;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.SourceTier;
import io.makerates.sources.RateSource;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.bnr.NationalBankOfRomaniaSource;
import io.makerates.sources.boc.BankOfCanadaSource;
import io.makerates.sources.boe.BankOfEnglandSource;
import io.makerates.sources.cbr.BankOfRussiaSource;
import io.makerates.sources.cnb.CzechNationalBankSource;
import io.makerates.sources.ecb.EcbSource;
import io.makerates.sources.exchangerateapi.ExchangeRateApiSource;
import io.makerates.sources.frankfurter.FrankfurterSource;
import io.makerates.sources.nbp.NationalBankOfPolandSource;
import io.makerates.sources.nbpb.NationalBankOfPolandTableBSource;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers recorded from the real providers go through what production does with an answer, byte for
 * byte: served over HTTP at the path the adapter asks for, fetched, classified, turned into a
 * bronze record. The project's own unit tests use bodies written here; these check the adapters
 * against what the providers really send.
 */
class RealFixturesConformanceTest {

  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
          .build();

  static final AuditContext AUDIT =
      new AuditContext("conformance-host", "conformance", "test", "internal", "keep-5-years");
  static final String JSON = "application/json";
  static final String XML = "text/xml";

  /** Shaped like a real exchangerate-api key (24 hex digits); used in the keyed case only. */
  static final String KEY = "5c0ffee7a1b2c3d4e5f60718";

  /**
   * Framing and hop-by-hop headers describe the recorded connection, not the answer, and Date is
   * stamped when sent: the test server sets these itself, and serving the recorded ones as well
   * would send them twice.
   */
  static final Set<String> NOT_REPLAYED =
      Set.of("content-length", "connection", "transfer-encoding", "date");

  static final RealFixtures FIXTURES = RealFixtures.locate();
  static HttpFetcher fetcher;

  /** One recorded answer: the request an adapter makes for it and what must come out. */
  record Case(
      String folder,
      String file,
      Function<String, RateSource> adapter,
      Function<RateSource, SourceRequest> request,
      String servedAt,
      String contentType,
      LocalDate answerDate,
      String errorCode) {

    static Case answer(
        String folder,
        String file,
        Function<String, RateSource> adapter,
        Function<RateSource, SourceRequest> request,
        String servedAt,
        String contentType,
        String answerDate) {
      return new Case(
          folder, file, adapter, request, servedAt, contentType, LocalDate.parse(answerDate), null);
    }

    String name() {
      return folder + "/" + file;
    }
  }

  static final String CBR_DYNAMIC =
      "CBR's one-currency history, which the adapter does not ask for: it asks XML_daily"
          + " for one day with every currency";

  /** Recordings that are no complete answer, with why they are left out. */
  static final Map<String, String> NOT_ANSWERS =
      Map.of(
          "exchangerate-api/open-er-api_rates-object-only_USD__SalaryScope.json",
          "holds only the rates object of an open.er-api answer: the envelope (result, time_last_update_*) was not kept,"
              + " so no adapter receives such a body",
          "nbp/cenyzlota_2026-03-02_to_2026-03-05.json",
          "NBP's gold price per gram, which the adapter does not ask for",
          "cbr/XML_dynamic_R01035-GBP_2026-03-03_to_2026-03-05.xml",
          CBR_DYNAMIC,
          "cbr/XML_dynamic_R01235-USD_2026-03-03_to_2026-03-05.xml",
          CBR_DYNAMIC,
          "cbr/XML_dynamic_R01239-EUR_2026-03-03_to_2026-03-05.xml",
          CBR_DYNAMIC,
          "cbr/XML_dynamic_R01300-IRR-per1000000_2026-03-03_to_2026-03-05.xml",
          CBR_DYNAMIC,
          "cbr/XML_dynamic_R01375-CNY_2026-03-03_to_2026-03-05.xml",
          CBR_DYNAMIC,
          "cbr/XML_dynamic_R01820-JPY-per100_2026-03-03_to_2026-03-05.xml",
          CBR_DYNAMIC,
          "cbr/xml_metall_2026-03-03_to_2026-03-05.xml",
          "CBR's precious metals in RUB per gram, which the adapter does not ask for");

  static final List<Case> CASES =
      List.of(
          Case.answer(
              "frankfurter",
              "v1_latest_full-EUR_2026-09-25__AllramEst83.json",
              frankfurter(),
              RateSource::latest,
              "/v1/latest",
              JSON,
              "2026-09-25"),
          // recorded with ?base=USD and ?from=EUR&to=..., which the adapter does not send: the body
          // is what matters here
          Case.answer(
              "frankfurter",
              "v1_latest_full-base-USD_2026-06-03__dhruvtoprani.json",
              frankfurter(),
              RateSource::latest,
              "/v1/latest",
              JSON,
              "2026-06-03"),
          Case.answer(
              "frankfurter",
              "v1_latest_symbols_GBP-JPY-USD_2026-05-27__dimkoug.json",
              frankfurter(),
              RateSource::latest,
              "/v1/latest",
              JSON,
              "2026-05-27"),
          Case.answer(
              "frankfurter",
              "v1_timeseries_2025-01-03..2025-01-07__Nikhil-Mundhra.json",
              frankfurter(),
              s -> s.range(LocalDate.of(2025, 1, 3), LocalDate.of(2025, 1, 7)),
              "/v1/2025-01-03..2025-01-07",
              JSON,
              "2025-01-07"),
          // the v2 API answers with an array: should the v1 endpoint ever answer so, the record
          // says it is not v1's format
          new Case(
              "frankfurter",
              "v2_rates_EUR-ILS_2026-10-05__Tura2.json",
              frankfurter(),
              RateSource::latest,
              "/v1/latest",
              JSON,
              null,
              "MALFORMED_BODY"),
          Case.answer(
              "ecb",
              "eurofxref-daily_2014-06-10.xml",
              ecb("2014-06-10"),
              RateSource::latest,
              "/stats/eurofxref/eurofxref-daily.xml",
              XML,
              "2014-06-10"),
          Case.answer(
              "ecb",
              "eurofxref-daily_2025-05-09.xml",
              ecb("2025-05-09"),
              RateSource::latest,
              "/stats/eurofxref/eurofxref-daily.xml",
              XML,
              "2025-05-09"),
          // a backfill of the last weeks, asked the morning after the file's last day, is served by
          // the 90-day file
          Case.answer(
              "ecb",
              "eurofxref-hist-90d_2020-09-14_to_2020-12-10.xml",
              ecb("2020-12-11"),
              s -> s.range(LocalDate.of(2020, 11, 16), LocalDate.of(2020, 12, 10)),
              "/stats/eurofxref/eurofxref-hist-90d.xml",
              XML,
              "2020-12-10"),
          Case.answer(
              "exchangerate-api",
              "open-er-api_v6_latest_USD_2026-09-19_trimmed__dw650.json",
              server -> new ExchangeRateApiSource(URI.create(server), "USD", false),
              RateSource::latest,
              "/v6/latest/USD",
              JSON,
              "2026-09-19"),
          Case.answer(
              "bank-of-canada",
              "valet_FX_RATES_DAILY_2026-03-12_to_2026-03-18.json",
              server -> new BankOfCanadaSource(URI.create(server + "/valet")),
              s -> s.range(LocalDate.of(2026, 3, 12), LocalDate.of(2026, 3, 18)),
              "/valet/observations/group/FX_RATES_DAILY/json?start_date=2026-03-12&end_date=2026-03-18",
              null,
              "2026-03-18"),
          Case.answer(
              "cnb",
              "daily-year_2026_2026-01-02_to_2026-04-02.json",
              server -> new CzechNationalBankSource(URI.create(server + "/cnbapi")),
              s -> s.range(LocalDate.of(2026, 1, 2), LocalDate.of(2026, 4, 2)),
              "/cnbapi/exrates/daily-year?year=2026&lang=EN",
              null,
              "2026-04-02"),
          Case.answer(
              "nbp",
              "tables_A_2026-03-02_to_2026-03-05.json",
              server -> new NationalBankOfPolandSource(URI.create(server + "/api")),
              s -> s.range(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 5)),
              "/api/exchangerates/tables/A/2026-03-02/2026-03-05/?format=json",
              null,
              "2026-03-05"),
          // Table B is weekly: the week's range holds Wednesday's table only
          Case.answer(
              "nbp",
              "tables_B_2026-03-04.json",
              server -> new NationalBankOfPolandTableBSource(URI.create(server + "/api")),
              s -> s.range(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 5)),
              "/api/exchangerates/tables/B/2026-03-01/2026-03-05/?format=json",
              null,
              "2026-03-04"),
          Case.answer(
              "bnr",
              "nbrfxrates2026_2026-01-05_to_2026-08-19.xml",
              server -> new NationalBankOfRomaniaSource(URI.create(server)),
              s -> s.range(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 8, 19)),
              "/files/xml/years/nbrfxrates2026.xml",
              null,
              "2026-08-19"),
          Case.answer(
              "boe",
              "iadb-fromshowcolumns_CSVF-TN_XUDL-26-series_2026-03-17_to_2026-03-20.csv",
              server ->
                  new BankOfEnglandSource(
                      URI.create(server + "/boeapps/database"), Clock.systemUTC()),
              s -> s.range(LocalDate.of(2026, 3, 17), LocalDate.of(2026, 3, 20)),
              "/boeapps/database/_iadb-fromshowcolumns.asp?CSVF=TN&Datefrom=17/Mar/2026&Dateto=20/Mar/2026&SeriesCodes="
                  + "XUDLUSS,XUDLERS,XUDLJYS,XUDLCDS,XUDLSFS,XUDLADS,XUDLNDS,XUDLNKS,XUDLSKS,XUDLDKS,XUDLHDS,XUDLSGS,XUDLSRS,"
                  + "XUDLZRS,XUDLTWS,XUDLBK25,XUDLBK33,XUDLBK47,XUDLBK78,XUDLBK83,XUDLBK87,XUDLBK89,XUDLBK93,XUDLBK95,XUDLBK97,"
                  + "XUDLZOS4&UsingCodes=Y&csv.x=yes",
              null,
              "2026-03-20"),
          Case.answer(
              "cbr",
              "XML_daily_2026-04-25.xml",
              server -> new BankOfRussiaSource(URI.create(server + "/scripts")),
              RateSource::latest,
              "/scripts/XML_daily.asp",
              null,
              "2026-04-24"));

  static final List<String> FOLDERS =
      List.of(
          "frankfurter",
          "ecb",
          "exchangerate-api",
          "bank-of-canada",
          "cnb",
          "nbp",
          "bnr",
          "boe",
          "cbr");

  @BeforeAll
  static void startFetcher() {
    fetcher =
        new HttpFetcher(
            new HttpSettings(
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                HttpSettings.userAgent("conformance-test", "rates-oncall@example.org")));
  }

  @AfterAll
  static void stopFetcher() {
    fetcher.close();
  }

  @TestFactory
  Stream<DynamicTest> everyRecordedAnswerIsStoredExactlyAsServed() throws IOException {
    if (!FIXTURES.present()) {
      // an aborted factory does not show in the test reports; an aborted test in it does
      return Stream.of(
          dynamicTest("real fixtures", () -> Assumptions.abort(FIXTURES.absentMessage())));
    }
    List<DynamicTest> tests = new ArrayList<>();
    Map<String, Case> byName = CASES.stream().collect(Collectors.toMap(Case::name, c -> c));
    for (String folder : FOLDERS) {
      for (Path file : FIXTURES.answers(folder)) {
        String name = folder + "/" + file.getFileName();
        Case known = byName.remove(name);
        if (known != null) {
          tests.add(dynamicTest(name, () -> check(known, file)));
        } else if (NOT_ANSWERS.containsKey(name)) {
          tests.add(
              dynamicTest(
                  name, () -> Assumptions.abort(name + " skipped: " + NOT_ANSWERS.get(name))));
        } else {
          tests.add(
              dynamicTest(
                  name,
                  () ->
                      Assumptions.abort(
                          "no conformance case for the new fixture "
                              + name
                              + ": add one to RealFixturesConformanceTest.CASES")));
        }
      }
    }
    byName
        .keySet()
        .forEach(
            name ->
                tests.add(
                    dynamicTest(
                        name,
                        () ->
                            Assumptions.abort(
                                name
                                    + " is no longer in "
                                    + FIXTURES.root()
                                    + ": its case was not run"))));
    return tests.stream();
  }

  @Test
  void aKeyedRequestCarriesTheKeyOnTheWireAndNowhereInTheRecord() throws IOException {
    assumeTrue(FIXTURES.present(), FIXTURES::absentMessage);
    Path file =
        FIXTURES
            .root()
            .resolve("exchangerate-api/open-er-api_v6_latest_USD_2026-09-19_trimmed__dw650.json");
    assumeTrue(Files.isRegularFile(file), () -> file + " absent: keyed case skipped");
    byte[] served = Files.readAllBytes(file);
    api.stubFor(
        get(urlEqualTo("/v6/" + KEY + "/latest/USD"))
            .willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(served)));
    SourceConfig config =
        new SourceConfig(
            "exchangerate-api-keyed",
            ExchangeRateApiSource.TYPE,
            URI.create(api.baseUrl()),
            "USD",
            Duration.ofHours(24),
            SourceTier.FALLBACK,
            Path.of("exchangerate-api.key"),
            List.of(KEY));
    RateSource source = RateSources.create(config);
    SourceRequest request = source.latest();

    Exchange exchange = fetcher.fetch(request, KEY);
    Verdict verdict = new ResponseClassifier(Duration.ofMinutes(1)).classify(exchange, source);
    BronzeExtraction record =
        new BronzeRecordFactory(AUDIT, new SecretRedactor(config.secrets()))
            .create(config, source.type(), ExtractionJob.scheduled(request), exchange, verdict, 0);

    api.verify(1, getRequestedFor(urlEqualTo("/v6/" + KEY + "/latest/USD")));
    assertThat(source.usesApiKey()).isTrue();
    assertThat(record.getErrorCode()).as(record.getErrorMessage()).isNull();
    assertThat(record.getRequest().getUrl()).isEqualTo(api.baseUrl() + "/v6/***/latest/USD");
    assertThat(record.toString()).doesNotContain(KEY).contains("/v6/***/latest/USD");
    assertThat(body(record)).isEqualTo(served);
    assertThat(source.answerDate(body(record))).contains(LocalDate.of(2026, 9, 19));
  }

  private static void check(Case c, Path file) throws IOException {
    byte[] served = Files.readAllBytes(file);
    Map<String, List<String>> headers = servedHeaders(c, file);
    ResponseDefinitionBuilder response = aResponse().withStatus(200).withBody(served);
    headers.forEach((name, values) -> response.withHeader(name, values.toArray(String[]::new)));
    api.resetAll();
    api.stubFor(get(urlEqualTo(c.servedAt())).willReturn(response));

    RateSource source = c.adapter().apply(api.baseUrl());
    SourceRequest request = c.request().apply(source);
    SourceConfig config =
        new SourceConfig(
            source.type() + "-conformance",
            source.type(),
            URI.create(api.baseUrl()),
            null,
            Duration.ofHours(6),
            SourceTier.PRIMARY,
            null,
            List.of());
    Exchange exchange = fetcher.fetch(request);
    Verdict verdict = new ResponseClassifier(Duration.ofMinutes(1)).classify(exchange, source);
    BronzeExtraction record =
        new BronzeRecordFactory(AUDIT, SecretRedactor.none())
            .create(config, source.type(), ExtractionJob.scheduled(request), exchange, verdict, 0);

    api.verify(1, getRequestedFor(urlEqualTo(c.servedAt())));
    assertThat(exchange.failure()).as(exchange.failureMessage()).isNull();
    assertThat(record.getSourceType()).isEqualTo(source.type());
    assertThat(record.getSourceId()).isEqualTo(config.id());
    assertThat(record.getRequest().getUrl()).isEqualTo(request.url().toString());
    assertThat(record.getRequestedFrom()).isEqualTo(request.requestedFrom());
    assertThat(record.getRequestedTo()).isEqualTo(request.requestedTo());
    assertThat(record.getResponse().getStatus()).isEqualTo(200);
    assertThat(body(record)).isEqualTo(served);
    assertThat(record.getResponse().getSha256()).isEqualTo(sha256(served));
    assertThat(record.getResponse().getSizeBytes()).isEqualTo(Files.size(file));
    assertThat(record.getResponse().getContentType()).isEqualTo(headers.get("Content-Type").get(0));
    Map<String, String> recorded = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    record
        .getResponse()
        .getHeaders()
        .forEach((name, value) -> recorded.put(name.toString(), value.toString()));
    headers.forEach(
        (name, values) -> assertThat(recorded).containsEntry(name, String.join(", ", values)));
    assertThat(record.getErrorCode()).as(record.getErrorMessage()).isEqualTo(c.errorCode());
    assertThat(source.answerDate(body(record))).isEqualTo(Optional.ofNullable(c.answerDate()));
  }

  /**
   * The headers recorded with the answer when there are any, else the content type the provider
   * serves it with.
   */
  private static Map<String, List<String>> servedHeaders(Case c, Path file) throws IOException {
    Optional<Map<String, List<String>>> recorded = RealFixtures.recordedHeaders(file);
    if (recorded.isEmpty()) {
      return Map.of("Content-Type", List.of(c.contentType()));
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    recorded
        .get()
        .forEach(
            (name, values) -> {
              if (!NOT_REPLAYED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, values);
              }
            });
    assertThat(headers).as("recorded headers of " + c.name()).containsKey("Content-Type");
    return headers;
  }

  private static Function<String, RateSource> frankfurter() {
    return server -> new FrankfurterSource(URI.create(server));
  }

  /** The ECB adapter as on {@code today}: which file holds a date depends on it. */
  private static Function<String, RateSource> ecb(String today) {
    Clock clock =
        Clock.fixed(LocalDate.parse(today).atTime(7, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    return server -> new EcbSource(URI.create(server + "/stats/eurofxref"), clock);
  }

  private static byte[] body(BronzeExtraction record) {
    ByteBuffer buffer = record.getResponse().getBody().duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /**
   * Computed here rather than with the factory's helper, so that a wrong checksum there cannot
   * agree with itself.
   */
  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
