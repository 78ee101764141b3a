package io.makerates.extractor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.makerates.extractor.ExtractionResult.Outcome;
import io.makerates.extractor.audit.BronzeRecordFactory;
import io.makerates.extractor.audit.SecretRedactor;
import io.makerates.extractor.http.HttpFetcher;
import io.makerates.extractor.http.HttpSettings;
import io.makerates.extractor.quota.QuotaLedger;
import io.makerates.extractor.quota.QuotaLimit;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.QuotaUsage;
import io.makerates.schema.SourceTier;
import io.makerates.sources.frankfurter.FrankfurterSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a misbehaving API does to the extractor: every attempt leaves a bronze record, retries stop
 * where they should, the quota is never exceeded, and a spent or broken source hands over to the
 * next of its chain.
 */
class ResilienceAndFailoverTest {

  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
          .build();

  static final RetrySettings THREE_FAST =
      new RetrySettings(3, Duration.ofMillis(5), Duration.ofSeconds(2), Duration.ofMinutes(5));

  final List<BronzeExtraction> published = new CopyOnWriteArrayList<>();
  final List<QuotaUsage> quotaRecords = new CopyOnWriteArrayList<>();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
  final Map<String, QuotaLimit> limits = new HashMap<>();
  HttpFetcher fetcher;
  QuotaLedger ledger;

  @AfterEach
  void close() {
    if (fetcher != null) {
      fetcher.close();
    }
  }

  @Test
  void retriesATruncatedBodyAndRecordsEachCut() {
    api.stubFor(
        get("/a/v1/latest").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    ExtractionResult result =
        extractor("a", THREE_FAST, Duration.ofSeconds(5)).extract(latest("a"));

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.records())
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.getErrorCode()).isEqualTo("IO_ERROR"));
    api.verify(3, getRequestedFor(urlEqualTo("/a/v1/latest")));
  }

  @Test
  void givesUpOnABodyThatDribblesInSlowerThanTheRequestTimeout() {
    api.stubFor(
        get("/a/v1/latest")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("{\"rates\":{\"USD\":1.1}}")
                    .withChunkedDribbleDelay(10, 3_000)));
    RetrySettings twice =
        new RetrySettings(2, Duration.ofMillis(5), Duration.ofSeconds(2), Duration.ofMinutes(5));

    ExtractionResult result = extractor("a", twice, Duration.ofMillis(500)).extract(latest("a"));

    assertThat(result.records())
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.getErrorCode()).isEqualTo("TIMEOUT");
              assertThat(r.getResponse()).isNull();
            });
  }

  @Test
  void retriesMalformedJsonAndKeepsTheBytesItGot() {
    String broken = "{\"amount\":1.0,\"base\":\"EUR\",\"rates\":{\"USD\":1.0";
    api.stubFor(
        get("/a/v1/latest")
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(200).withBody(broken))
            .willSetStateTo("fixed"));
    api.stubFor(
        get("/a/v1/latest")
            .inScenario("flaky")
            .whenScenarioStateIs("fixed")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody("{\"amount\":1.0,\"base\":\"EUR\",\"rates\":{\"USD\":1.0}}")));

    ExtractionResult result =
        extractor("a", THREE_FAST, Duration.ofSeconds(5)).extract(latest("a"));

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(result.records()).hasSize(2);
    assertThat(result.records().get(0).getErrorCode()).isEqualTo("MALFORMED_BODY");
    assertThat(SourceExtractorTest.body(result.records().get(0))).asString().isEqualTo(broken);
    assertThat(result.records().get(1).getErrorCode()).isNull();
  }

  @Test
  void recordsAnHtmlErrorPageServedWithStatus200AsMalformed() {
    api.stubFor(
        get("/a/v1/latest")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html")
                    .withBody(
                        "<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>")));

    ExtractionResult result =
        extractor("a", THREE_FAST, Duration.ofSeconds(5)).extract(latest("a"));

    assertThat(result.records())
        .hasSize(3)
        .allSatisfy(
            r -> {
              assertThat(r.getErrorCode()).isEqualTo("MALFORMED_BODY");
              assertThat(r.getErrorMessage()).contains("HTML");
              assertThat(r.getResponse().getContentType()).isEqualTo("text/html");
            });
  }

  @Test
  void neverExceedsTheQuotaThroughBurstsOfServerErrors() {
    limits.put("a", QuotaLimit.parse("5/day", 0.8));
    api.stubFor(
        get("/a/v1/latest")
            .inScenario("burst")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("503"));
    api.stubFor(
        get("/a/v1/latest")
            .inScenario("burst")
            .whenScenarioStateIs("503")
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo(Scenario.STARTED));
    SourceExtractor a = extractor("a", THREE_FAST, Duration.ofSeconds(5));

    ExtractionResult first = a.extract(latest("a"));
    ExtractionResult second = a.extract(latest("a"));
    ExtractionResult third = a.extract(latest("a"));

    assertThat(first.records()).hasSize(3);
    assertThat(second.records()).hasSize(2);
    assertThat(second.outcome()).isEqualTo(Outcome.QUOTA_SPENT);
    assertThat(third.records()).isEmpty();
    assertThat(third.outcome()).isEqualTo(Outcome.QUOTA_SPENT);
    api.verify(5, getRequestedFor(urlEqualTo("/a/v1/latest")));
    assertThat(published)
        .hasSize(5)
        .extracting(BronzeExtraction::getErrorCode)
        .containsExactly("HTTP_5XX", "HTTP_5XX", "HTTP_5XX", "HTTP_5XX", "HTTP_5XX");
    // each attempt's record went out with its quota usage, never above the limit
    assertThat(quotaRecords).extracting(QuotaUsage::getUsed).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(quotaRecords).allSatisfy(q -> assertThat(q.getPeriod()).isEqualTo("DAY:2026-11-22"));
  }

  @Test
  void handsOverToTheNextSourceWhenTheQuotaIsSpent() {
    limits.put("a", QuotaLimit.parse("1/day", 0.8));
    api.stubFor(
        get("/a/v1/latest").willReturn(aResponse().withStatus(200).withBody("{\"rates\":{}}")));
    api.stubFor(
        get("/b/v1/latest").willReturn(aResponse().withStatus(200).withBody("{\"rates\":{}}")));
    FailoverChain chain = chain(source("a", List.of("b")), source("b", List.of()));

    List<ExtractionResult> first =
        chain.run("a", e -> ExtractionJob.scheduled(e.source().latest()));
    List<ExtractionResult> second =
        chain.run("a", e -> ExtractionJob.scheduled(e.source().latest()));

    assertThat(first)
        .singleElement()
        .extracting(ExtractionResult::outcome)
        .isEqualTo(Outcome.SUCCEEDED);
    assertThat(second)
        .extracting(ExtractionResult::outcome)
        .containsExactly(Outcome.QUOTA_SPENT, Outcome.SUCCEEDED);
    assertThat(second.get(1).records())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getSourceId()).isEqualTo("b");
              assertThat(r.getTier()).isEqualTo(SourceTier.FALLBACK);
            });
    api.verify(1, getRequestedFor(urlEqualTo("/a/v1/latest")));
    api.verify(1, getRequestedFor(urlEqualTo("/b/v1/latest")));
    assertThat(
            meters
                .get("makerates.extractor.failovers")
                .tags("from", "a", "to", "b", "reason", "quota_spent")
                .counter()
                .count())
        .isEqualTo(1);

    clock.now = Instant.parse("2026-11-23T00:00:05Z"); // a new UTC day: a's quota is back
    assertThat(chain.run("a", e -> ExtractionJob.scheduled(e.source().latest())))
        .singleElement()
        .satisfies(r -> assertThat(r.records().get(0).getSourceId()).isEqualTo("a"));
  }

  /**
   * The failover, previous-key and quota meters of every source exist before its first poll, at
   * zero, whether or not it has a chain, an API key or a quota: the dashboard and the alert rules
   * query them, and an absent series must mean an app that is down. A source with nothing left to
   * hand a job to counts it against {@code to="none"}.
   */
  @Test
  void everySourcesFailoverKeyAndQuotaMetersExistFromTheStart() {
    limits.put("a", QuotaLimit.parse("1/day", 0.8));
    FailoverChain chain = chain(source("a", List.of("b")), source("b", List.of()));

    for (String source : List.of("a", "b")) {
      assertThat(
              meters
                  .get("makerates.extractor.previous.key.used")
                  .tag("source", source)
                  .counter()
                  .count())
          .isZero();
      assertThat(meters.get("makerates.extractor.quota.used").tag("source", source).gauge().value())
          .isZero();
    }
    assertThat(
            meters
                .get("makerates.extractor.quota.limit")
                .tags("source", "a", "period", "day")
                .gauge()
                .value())
        .isEqualTo(1);
    assertThat(
            meters
                .get("makerates.extractor.quota.limit")
                .tags("source", "b", "period", "none")
                .gauge()
                .value())
        .isZero();
    assertThat(meters.find("makerates.extractor.quota.limit").tag("source", "a").gauges())
        .singleElement();
    for (String reason : List.of("quota_spent", "key_rejected", "circuit_open", "rate_limited")) {
      assertThat(
              meters
                  .get("makerates.extractor.failovers")
                  .tags("from", "a", "to", "b", "reason", reason)
                  .counter()
                  .count())
          .isZero();
      assertThat(
              meters
                  .get("makerates.extractor.failovers")
                  .tags("from", "b", "to", "none", "reason", reason)
                  .counter()
                  .count())
          .isZero();
    }

    limits.put("b", QuotaLimit.parse("1/day", 0.8));
    ledger = null;
    api.stubFor(
        get("/b/v1/latest").willReturn(aResponse().withStatus(200).withBody("{\"rates\":{}}")));
    FailoverChain alone = chain(source("b", List.of()));
    alone.run("b", e -> ExtractionJob.scheduled(e.source().latest()));
    alone.run("b", e -> ExtractionJob.scheduled(e.source().latest()));
    assertThat(
            meters
                .get("makerates.extractor.failovers")
                .tags("from", "b", "to", "none", "reason", "quota_spent")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void handsOverWhileTheCircuitBreakerIsOpen() {
    api.stubFor(get("/a/v1/latest").willReturn(aResponse().withStatus(503)));
    api.stubFor(
        get("/b/v1/latest").willReturn(aResponse().withStatus(200).withBody("{\"rates\":{}}")));
    RetrySettings once =
        new RetrySettings(1, Duration.ofMillis(5), Duration.ofSeconds(2), Duration.ofMinutes(5));
    FailoverChain chain = chain(once, source("a", List.of("b")), source("b", List.of()));

    for (int i = 0;
        i < 5;
        i++) { // five failures open a's breaker; each poll still reached b afterwards
      chain.run("a", e -> ExtractionJob.scheduled(e.source().latest()));
    }
    List<ExtractionResult> whileOpen =
        chain.run("a", e -> ExtractionJob.scheduled(e.source().latest()));

    assertThat(whileOpen)
        .extracting(ExtractionResult::outcome)
        .containsExactly(Outcome.CIRCUIT_OPEN, Outcome.SUCCEEDED);
    assertThat(whileOpen.get(0).records()).isEmpty();
    api.verify(5, getRequestedFor(urlEqualTo("/a/v1/latest")));
    assertThat(published).filteredOn(r -> r.getSourceId().equals("a")).hasSize(5);
  }

  @Test
  void aBadRequestDoesNotFailOver() {
    api.stubFor(
        get("/a/v1/latest")
            .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"not found\"}")));
    FailoverChain chain = chain(source("a", List.of("b")), source("b", List.of()));

    List<ExtractionResult> results =
        chain.run("a", e -> ExtractionJob.scheduled(e.source().latest()));

    assertThat(results)
        .singleElement()
        .extracting(ExtractionResult::outcome)
        .isEqualTo(Outcome.FAILED);
    api.verify(0, getRequestedFor(urlEqualTo("/b/v1/latest")));
  }

  // --- helpers

  private SourceConfig source(String id, List<String> failover) {
    URI base = URI.create("http://127.0.0.1:" + api.getRuntimeInfo().getHttpPort() + "/" + id);
    return new SourceConfig(
        id,
        "frankfurter",
        base,
        "EUR",
        Duration.ofHours(6),
        failover.isEmpty() && !id.equals("a") ? SourceTier.FALLBACK : SourceTier.PRIMARY,
        null,
        List.of(),
        limits.get(id),
        new RateLimit(100, Duration.ofSeconds(1), Duration.ofSeconds(1)),
        failover);
  }

  private ExtractionJob latest(String id) {
    return ExtractionJob.scheduled(new FrankfurterSource(source(id, List.of()).baseUrl()).latest());
  }

  private SourceExtractor extractor(String id, RetrySettings retry, Duration requestTimeout) {
    return extractor(source(id, List.of()), retry, requestTimeout);
  }

  private SourceExtractor extractor(
      SourceConfig config, RetrySettings retry, Duration requestTimeout) {
    if (fetcher == null) {
      fetcher =
          new HttpFetcher(
              new HttpSettings(
                  Duration.ofSeconds(2),
                  requestTimeout,
                  HttpSettings.userAgent("test", "t@example.org")));
    }
    if (ledger == null) {
      ledger = new QuotaLedger(limits, clock, meters);
    }
    BronzeRecordFactory records =
        new BronzeRecordFactory(SourceExtractorTest.AUDIT, SecretRedactor.none());
    return new SourceExtractor(
        config,
        new FrankfurterSource(config.baseUrl()),
        fetcher,
        records,
        (record, usage) -> {
          published.add(record);
          if (usage != null) {
            quotaRecords.add(usage);
          }
        },
        retry,
        new ExtractionMetrics(meters),
        ledger,
        null);
  }

  private FailoverChain chain(SourceConfig... configs) {
    return chain(THREE_FAST, configs);
  }

  private FailoverChain chain(RetrySettings retry, SourceConfig... configs) {
    Map<String, SourceExtractor> extractors = new LinkedHashMap<>();
    for (SourceConfig config : configs) {
      extractors.put(config.id(), extractor(config, retry, Duration.ofSeconds(5)));
    }
    return new FailoverChain(extractors, new ExtractionMetrics(meters));
  }
}
