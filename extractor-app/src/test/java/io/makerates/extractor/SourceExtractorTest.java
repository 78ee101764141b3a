package io.makerates.extractor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.makerates.extractor.audit.AuditContext;
import io.makerates.extractor.audit.BronzeRecordFactory;
import io.makerates.extractor.audit.SecretRedactor;
import io.makerates.extractor.http.HttpFetcher;
import io.makerates.extractor.http.HttpSettings;
import io.makerates.extractor.quota.QuotaLedger;
import io.makerates.runtime.Checksums;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ExtractionTrigger;
import io.makerates.schema.SourceTier;
import io.makerates.sources.RateSource;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.frankfurter.FrankfurterSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fetcher, retries, circuit breaker and record factory against WireMock, without Kafka. */
class SourceExtractorTest {

  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance()
          .options(
              wireMockConfig()
                  .bindAddress("127.0.0.1")
                  .dynamicPort()
                  .dynamicHttpsPort()
                  .gzipDisabled(true))
          .build();

  static final String CONTACT = "rates-oncall@example.org";
  static final AuditContext AUDIT =
      new AuditContext("test-host", "test-instance", "abc123", "internal", "keep-5-years");
  static final RetrySettings FAST_RETRIES =
      new RetrySettings(3, Duration.ofMillis(10), Duration.ofSeconds(5), Duration.ofMinutes(5));

  final List<BronzeExtraction> published = new CopyOnWriteArrayList<>();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  HttpFetcher fetcher;

  @AfterEach
  void closeFetcher() {
    if (fetcher != null) {
      fetcher.close();
    }
  }

  @Test
  void storesTheAnswerByteForByteWithItsChecksumAndFullAuditRecord() throws IOException {
    byte[] served = fixture("frankfurter-latest-eur.json");
    api.stubFor(
        get("/v1/latest")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Vary", "Accept-Encoding", "Origin")
                    .withBody(served)));

    List<BronzeExtraction> records =
        extractor(FAST_RETRIES, Duration.ofSeconds(5), List.of()).extract(latest()).records();

    assertThat(records).hasSize(1).isEqualTo(published);
    BronzeExtraction r = records.get(0);
    assertThat(body(r)).isEqualTo(served);
    assertThat(r.getResponse().getSha256()).isEqualTo(Checksums.sha256Hex(served)).hasSize(64);
    assertThat(r.getResponse().getSizeBytes()).isEqualTo(served.length);
    assertThat(r.getResponse().getStatus()).isEqualTo(200);
    assertThat(r.getResponse().getContentType()).isEqualTo("application/json");
    assertThat(r.getResponse().getHeaders()).containsEntry("vary", "Accept-Encoding, Origin");
    assertThat(r.getExtractionId()).isNotNull();
    assertThat(r.getExtractedAt()).isNotNull();
    assertThat(r.getSourceId()).isEqualTo("frankfurter");
    assertThat(r.getSourceType()).isEqualTo("frankfurter");
    assertThat(r.getSourceVersion()).isEqualTo("v1");
    assertThat(r.getTier()).isEqualTo(SourceTier.PRIMARY);
    assertThat(r.getTrigger()).isEqualTo(ExtractionTrigger.SCHEDULE);
    assertThat(r.getBackfillRunId()).isNull();
    assertThat(r.getRequestedFrom()).isNull();
    assertThat(r.getRequestedTo()).isNull();
    assertThat(r.getRequest().getUrl()).isEqualTo(httpBase() + "/v1/latest");
    assertThat(r.getRequest().getMethod()).isEqualTo("GET");
    assertThat(r.getRequest().getHeaders())
        .containsEntry("Accept", "application/json")
        .containsEntry("Accept-Encoding", "gzip")
        .containsKey("User-Agent");
    assertThat(r.getRequest().getParams()).isEmpty();
    assertThat(r.getDurationMillis()).isNotNegative();
    assertThat(r.getRetryAttempt()).isZero();
    assertThat(r.getErrorCode()).isNull();
    assertThat(r.getErrorMessage()).isNull();
    assertThat(r.getHost()).isEqualTo("test-host");
    assertThat(r.getInstance()).isEqualTo("test-instance");
    assertThat(r.getPipelineVersion()).isEqualTo("abc123");
    assertThat(r.getDataClassification()).isEqualTo("internal");
    assertThat(r.getRetentionPolicy()).isEqualTo("keep-5-years");
    assertThat(r.getParentExtractionId()).isNull();
    assertThat(
            meters
                .get("makerates.extractions")
                .tags("source", "frankfurter", "outcome", "ok")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void sendsAUserAgentNamingTheProductAndTheContact() {
    api.stubFor(get("/v1/latest").willReturn(aResponse().withStatus(200).withBody("{}")));

    extractor(FAST_RETRIES, Duration.ofSeconds(5), List.of()).extract(latest()).records();

    api.verify(
        getRequestedFor(urlEqualTo("/v1/latest"))
            .withHeader("User-Agent", containing("MakeRates/"))
            .withHeader("User-Agent", containing(CONTACT))
            .withHeader("Accept-Encoding", equalTo("gzip")));
  }

  @Test
  void postsTheBodyOfARequestThatHasOne() {
    api.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post("/soap")
            .willReturn(aResponse().withStatus(200).withBody("{}")));
    io.makerates.sources.SourceRequest request =
        new io.makerates.sources.SourceRequest(
                URI.create(httpBase() + "/soap"),
                "POST",
                Map.of("Content-Type", "text/xml"),
                Map.of("startDate", "2026-03-02"),
                null,
                null,
                null)
            .withBody("<startDate>2026-03-02</startDate>");

    extractor(FAST_RETRIES, Duration.ofSeconds(5), List.of())
        .extract(ExtractionJob.scheduled(request))
        .records();

    api.verify(
        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/soap"))
            .withRequestBody(equalTo("<startDate>2026-03-02</startDate>")));
  }

  @Test
  void storesAGzipAnswerDecompressed() throws IOException {
    byte[] plain = fixture("frankfurter-latest-eur.json");
    byte[] gzipped = gzip(plain);
    api.stubFor(
        get("/v1/latest")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Content-Encoding", "gzip")
                    .withBody(gzipped)));

    BronzeExtraction r =
        extractor(FAST_RETRIES, Duration.ofSeconds(5), List.of())
            .extract(latest())
            .records()
            .get(0);

    assertThat(gzipped).isNotEqualTo(plain);
    assertThat(body(r)).isEqualTo(plain);
    assertThat(r.getResponse().getSizeBytes()).isEqualTo(plain.length);
    assertThat(r.getResponse().getSha256()).isEqualTo(Checksums.sha256Hex(plain));
    assertThat(r.getErrorCode()).isNull();
  }

  @Test
  void recordsEveryAttemptOfARetriedServerError() {
    api.stubFor(
        get("/v1/latest")
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503).withBody("upstream down"))
            .willSetStateTo("recovered"));
    api.stubFor(
        get("/v1/latest")
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(aResponse().withStatus(200).withBody("{\"amount\":1.0}")));

    List<BronzeExtraction> records =
        extractor(FAST_RETRIES, Duration.ofSeconds(5), List.of()).extract(latest()).records();

    assertThat(records).extracting(BronzeExtraction::getRetryAttempt).containsExactly(0, 1);
    assertThat(records.get(0).getErrorCode()).isEqualTo("HTTP_5XX");
    assertThat(records.get(0).getResponse().getStatus()).isEqualTo(503);
    assertThat(new String(body(records.get(0)), StandardCharsets.UTF_8)).isEqualTo("upstream down");
    assertThat(records.get(1).getErrorCode()).isNull();
    assertThat(records.get(1).getResponse().getStatus()).isEqualTo(200);
    assertThat(records.get(0).getExtractionId()).isNotEqualTo(records.get(1).getExtractionId());
    assertThat(published).isEqualTo(records);
  }

  @Test
  void waitsAsLongAsRetryAfterAsksOnA429() {
    api.stubFor(
        get("/v1/latest")
            .inScenario("limited")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("allowed"));
    api.stubFor(
        get("/v1/latest")
            .inScenario("limited")
            .whenScenarioStateIs("allowed")
            .willReturn(aResponse().withStatus(200).withBody("{}")));

    // the backoff alone would wait about 10 ms: only Retry-After explains a second's gap
    List<BronzeExtraction> records =
        extractor(FAST_RETRIES, Duration.ofSeconds(5), List.of()).extract(latest()).records();

    assertThat(records).hasSize(2);
    assertThat(records.get(0).getErrorCode()).isEqualTo("HTTP_429");
    assertThat(records.get(1).getErrorCode()).isNull();
    Duration gap =
        Duration.between(records.get(0).getExtractedAt(), records.get(1).getExtractedAt());
    assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void doesNotRetryWhenRetryAfterIsLongerThanRetriesMayWait() {
    api.stubFor(
        get("/v1/latest")
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

    List<BronzeExtraction> records =
        extractor(FAST_RETRIES, Duration.ofSeconds(5), List.of()).extract(latest()).records();

    assertThat(records).hasSize(1);
    assertThat(records.get(0).getErrorCode()).isEqualTo("HTTP_429");
    assertThat(records.get(0).getErrorMessage()).contains("Retry-After 3600s");
  }

  @Test
  void recordsATimeoutWithoutAResponse() {
    api.stubFor(
        get("/v1/latest")
            .willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(5_000)));
    RetrySettings twoAttempts =
        new RetrySettings(2, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofMinutes(5));

    List<BronzeExtraction> records =
        extractor(twoAttempts, Duration.ofMillis(200), List.of()).extract(latest()).records();

    assertThat(records)
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.getErrorCode()).isEqualTo("TIMEOUT");
              assertThat(r.getResponse()).isNull();
            });
    assertThat(records).extracting(BronzeExtraction::getRetryAttempt).containsExactly(0, 1);
  }

  @Test
  void recordsARefusedConnection() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SourceConfig config = frankfurter(URI.create("http://127.0.0.1:" + closedPort), List.of());
    RetrySettings once =
        new RetrySettings(1, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofMinutes(5));

    List<BronzeExtraction> records =
        extractor(config, once, Duration.ofSeconds(5)).extract(latest(config)).records();

    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getErrorCode()).isEqualTo("CONNECT_ERROR");
              assertThat(r.getResponse()).isNull();
            });
  }

  @Test
  void keepsConfiguredSecretsOutOfTheRecord() {
    String secret = "k3y-6f1d0c2a9b";
    api.stubFor(
        get(urlPathEqualTo("/v6/" + secret + "/latest/USD"))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Location", "/v6/" + secret + "/elsewhere")));
    SourceRequest keyed =
        new SourceRequest(
            URI.create(httpBase() + "/v6/" + secret + "/latest/USD?apikey=" + secret),
            "GET",
            Map.of("X-Api-Key", secret, "Authorization", "Bearer " + secret),
            Map.of("key", secret, "base", "USD", secret, "as-a-name"),
            null,
            null,
            "v6");
    RetrySettings once =
        new RetrySettings(1, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofMinutes(5));

    BronzeExtraction r =
        extractor(frankfurter(URI.create(httpBase()), List.of(secret)), once, Duration.ofSeconds(5))
            .extract(ExtractionJob.scheduled(keyed))
            .records()
            .get(0);

    api.verify(
        getRequestedFor(urlPathEqualTo("/v6/" + secret + "/latest/USD"))
            .withHeader("X-Api-Key", equalTo(secret)));
    assertThat(r.toString()).doesNotContain(secret);
    assertThat(r.getRequest().getUrl()).isEqualTo(httpBase() + "/v6/***/latest/USD?apikey=***");
    assertThat(r.getRequest().getHeaders())
        .containsEntry("X-Api-Key", "***")
        .containsEntry("Authorization", "Bearer ***");
    assertThat(r.getRequest().getParams())
        .containsEntry("key", "***")
        .containsEntry("base", "USD")
        .containsEntry("***", "as-a-name");
    assertThat(r.getResponse().getHeaders()).containsEntry("location", "/v6/***/elsewhere");
  }

  @Test
  void recordsARedirectWithoutFollowingIt() {
    api.stubFor(
        get("/v1/latest")
            .willReturn(aResponse().withStatus(302).withHeader("Location", "/moved/latest")));
    api.stubFor(get("/moved/latest").willReturn(aResponse().withStatus(200).withBody("{}")));

    List<BronzeExtraction> records =
        extractor(FAST_RETRIES, Duration.ofSeconds(5), List.of()).extract(latest()).records();

    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getErrorCode()).isEqualTo("REDIRECT");
              assertThat(r.getErrorMessage()).contains("/moved/latest");
              assertThat(r.getResponse().getStatus()).isEqualTo(302);
            });
    api.verify(0, getRequestedFor(urlEqualTo("/moved/latest")));
  }

  @Test
  void refusesAServerWhoseCertificateIsNotTrusted() {
    api.stubFor(get("/v1/latest").willReturn(aResponse().withStatus(200).withBody("{}")));
    SourceConfig selfSigned =
        frankfurter(
            URI.create("https://127.0.0.1:" + api.getRuntimeInfo().getHttpsPort()), List.of());
    RetrySettings once =
        new RetrySettings(1, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofMinutes(5));

    List<BronzeExtraction> records =
        extractor(selfSigned, once, Duration.ofSeconds(5)).extract(latest(selfSigned)).records();

    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getErrorCode()).isEqualTo("TLS_ERROR");
              assertThat(r.getResponse()).isNull();
            });
    api.verify(0, getRequestedFor(urlEqualTo("/v1/latest")));
  }

  @Test
  void recordsTheProvidersOwnErrorAndDoesNotRetryIt() {
    api.stubFor(
        get("/v1/1990-01-01")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"message\":\"not found\"}")));
    SourceConfig config = frankfurter(URI.create(httpBase()), List.of());
    SourceRequest day =
        new FrankfurterSource(config.baseUrl()).day(java.time.LocalDate.of(1990, 1, 1));

    List<BronzeExtraction> records =
        extractor(config, FAST_RETRIES, Duration.ofSeconds(5))
            .extract(ExtractionJob.scheduled(day))
            .records();

    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getErrorCode()).isEqualTo("PROVIDER_ERROR");
              assertThat(r.getErrorMessage()).contains("not found");
              assertThat(r.getRequestedFrom()).isEqualTo(java.time.LocalDate.of(1990, 1, 1));
              assertThat(r.getRequestedTo()).isEqualTo(java.time.LocalDate.of(1990, 1, 1));
              assertThat(r.getRequest().getParams()).containsEntry("date", "1990-01-01");
            });
  }

  @Test
  void opensTheCircuitAfterRepeatedFailuresAndStopsCallingTheSource() {
    api.stubFor(get("/v1/latest").willReturn(aResponse().withStatus(500)));
    RetrySettings once =
        new RetrySettings(1, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofMinutes(5));
    SourceExtractor extractor = extractor(once, Duration.ofSeconds(5), List.of());

    for (int i = 0; i < 5; i++) {
      assertThat(extractor.extract(latest()).records()).hasSize(1);
    }
    assertThat(extractor.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(extractor.extract(latest()).records()).isEmpty();

    api.verify(5, getRequestedFor(urlEqualTo("/v1/latest")));
    assertThat(
            meters.get("makerates.extractions").tags("outcome", "circuit_open").counter().count())
        .isEqualTo(1);
  }

  // --- helpers

  private static String httpBase() {
    return "http://127.0.0.1:" + api.getRuntimeInfo().getHttpPort();
  }

  @Test
  void aWholeHistoryThatRepeatsTheLastOneStoredIsFetchedButNotStoredAgain() {
    api.stubFor(
        get("/v1/latest")
            .willReturn(aResponse().withStatus(200).withBody("{\"base\":\"EUR\",\"rates\":{}}")));
    SourceConfig config = frankfurter(URI.create(httpBase()), List.of());
    FrankfurterSource frankfurter = new FrankfurterSource(config.baseUrl());
    RateSource wholeHistory =
        new RateSource() {
          @Override
          public String type() {
            return frankfurter.type();
          }

          @Override
          public SourceRequest latest() {
            return frankfurter.latest();
          }

          @Override
          public SourceRequest day(java.time.LocalDate date) {
            return frankfurter.day(date);
          }

          @Override
          public SourceRequest range(java.time.LocalDate from, java.time.LocalDate to) {
            return frankfurter.range(from, to);
          }

          @Override
          public boolean repeatsItsLatestAnswer() {
            return true;
          }
        };
    SourceExtractor extractor =
        extractor(config, FAST_RETRIES, Duration.ofSeconds(5), wholeHistory);

    assertThat(extractor.extract(latest()).records()).hasSize(1);
    ExtractionResult repeat = extractor.extract(latest());
    assertThat(repeat.succeeded()).isTrue();
    assertThat(repeat.records()).isEmpty();
    assertThat(published).hasSize(1);
    assertThat(
            meters
                .get("makerates.extractions")
                .tags("source", "frankfurter", "outcome", "unchanged")
                .counter()
                .count())
        .isEqualTo(1.0);

    // a backfill always stores what it asked for; a new day in the history is stored once
    java.time.LocalDate day = java.time.LocalDate.of(2026, 3, 2);
    api.stubFor(
        get(urlPathEqualTo("/v1/2026-03-02"))
            .willReturn(aResponse().withStatus(200).withBody("{\"base\":\"EUR\",\"rates\":{}}")));
    ExtractionJob backfill =
        new ExtractionJob(wholeHistory.day(day), ExtractionTrigger.BACKFILL, "run-1", null);
    assertThat(extractor.extract(backfill).records()).hasSize(1);
    api.stubFor(
        get("/v1/latest")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("{\"base\":\"EUR\",\"rates\":{\"USD\":1.1}}")));
    assertThat(extractor.extract(latest()).records()).hasSize(1);
    assertThat(extractor.extract(latest()).records()).isEmpty();
    assertThat(published).hasSize(3);
  }

  private SourceExtractor extractor(
      RetrySettings retry, Duration requestTimeout, List<String> secrets) {
    return extractor(frankfurter(URI.create(httpBase()), secrets), retry, requestTimeout);
  }

  private SourceExtractor extractor(
      SourceConfig config, RetrySettings retry, Duration requestTimeout) {
    return extractor(config, retry, requestTimeout, new FrankfurterSource(config.baseUrl()));
  }

  private SourceExtractor extractor(
      SourceConfig config, RetrySettings retry, Duration requestTimeout, RateSource source) {
    fetcher =
        new HttpFetcher(
            new HttpSettings(
                Duration.ofSeconds(2), requestTimeout, HttpSettings.userAgent("test", CONTACT)));
    BronzeRecordFactory records =
        new BronzeRecordFactory(AUDIT, new SecretRedactor(config.secrets()));
    return new SourceExtractor(
        config,
        source,
        fetcher,
        records,
        (record, usage) -> published.add(record),
        retry,
        new ExtractionMetrics(meters),
        new QuotaLedger(Map.of(), Clock.systemUTC(), meters),
        null);
  }

  private static SourceConfig frankfurter(URI baseUrl, List<String> secrets) {
    return new SourceConfig(
        "frankfurter",
        "frankfurter",
        baseUrl,
        "EUR",
        Duration.ofHours(6),
        SourceTier.PRIMARY,
        secrets.isEmpty() ? null : java.nio.file.Path.of("key"),
        secrets);
  }

  private static ExtractionJob latest() {
    return ExtractionJob.scheduled(new FrankfurterSource(URI.create(httpBase())).latest());
  }

  private static ExtractionJob latest(SourceConfig config) {
    return ExtractionJob.scheduled(new FrankfurterSource(config.baseUrl()).latest());
  }

  static byte[] body(BronzeExtraction record) {
    ByteBuffer buffer = record.getResponse().getBody().duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = SourceExtractorTest.class.getResourceAsStream("/fixtures/" + name)) {
      return in.readAllBytes();
    }
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }
}
