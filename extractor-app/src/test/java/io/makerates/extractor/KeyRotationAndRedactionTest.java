package io.makerates.extractor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.makerates.extractor.ExtractionResult.Outcome;
import io.makerates.extractor.audit.BronzeRecordFactory;
import io.makerates.extractor.audit.SecretRedactor;
import io.makerates.extractor.http.HttpFetcher;
import io.makerates.extractor.http.HttpSettings;
import io.makerates.extractor.quota.QuotaLedger;
import io.makerates.extractor.quota.QuotaLimit;
import io.makerates.extractor.secret.KeyRing;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.SourceTier;
import io.makerates.sources.exchangerateapi.ExchangeRateApiSource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A key in the URL path, as exchangerate-api wants it: it reaches the provider and nothing else (no
 * bronze record, no log line, no metric tag); after a rotation the previous key is tried while its
 * grace period lasts.
 */
class KeyRotationAndRedactionTest {

  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  static final String OLD_KEY = "0ld-k3y-4b9f2c7e1d";
  static final String NEW_KEY = "n3w-k3y-8e1a6d3f5b";
  static final String SUCCESS =
      "{\"result\":\"success\",\"base_code\":\"USD\",\"conversion_rates\":{\"EUR\":0.9211}}";
  static final String INVALID_KEY = "{\"result\":\"error\",\"error-type\":\"invalid-key\"}";
  static final String QUOTA_REACHED = "{\"result\":\"error\",\"error-type\":\"quota-reached\"}";

  final List<BronzeExtraction> published = new CopyOnWriteArrayList<>();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  HttpFetcher fetcher;

  @BeforeEach
  void captureLogs() {
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterEach
  void release() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    if (fetcher != null) {
      fetcher.close();
    }
  }

  @Test
  void aRotatedKeyThatIsRefusedFallsBackToThePreviousOneWithinItsGrace(@TempDir Path dir)
      throws IOException {
    api.stubFor(
        get("/v6/" + NEW_KEY + "/latest/USD")
            .willReturn(aResponse().withStatus(200).withBody(INVALID_KEY)));
    api.stubFor(
        get("/v6/" + OLD_KEY + "/latest/USD")
            .willReturn(aResponse().withStatus(200).withBody(SUCCESS)));
    Path keyFile = Files.writeString(dir.resolve("api-key"), OLD_KEY);
    SecretRedactor redactor = SecretRedactor.none();
    KeyRing keys = new KeyRing(keyFile, Duration.ofHours(24), clock, redactor::learn);
    SourceExtractor extractor = extractor(keyFile, keys, redactor, null);
    keys.current();
    Files.writeString(
        keyFile, NEW_KEY); // the secret is rotated; the provider does not know the new key yet

    ExtractionResult result = extractor.extract(latest());

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(result.records())
        .extracting(BronzeExtraction::getErrorCode)
        .containsExactly("KEY_REJECTED", null);
    api.verify(1, getRequestedFor(urlEqualTo("/v6/" + NEW_KEY + "/latest/USD")));
    api.verify(1, getRequestedFor(urlEqualTo("/v6/" + OLD_KEY + "/latest/USD")));
    assertThat(
            meters
                .get("makerates.extractor.previous.key.used")
                .tag("source", "erapi")
                .counter()
                .count())
        .isEqualTo(1);
    assertNoKeyAnywhere(result.records());

    clock.now =
        clock.now.plus(
            Duration.ofHours(25)); // grace over: the refusal stands and the chain moves on
    ExtractionResult later = extractor.extract(latest());
    assertThat(later.outcome()).isEqualTo(Outcome.KEY_REJECTED);
    assertThat(later.records()).hasSize(1);
    assertNoKeyAnywhere(later.records());
  }

  @Test
  void aQuotaReachedAnswerSpendsTheQuotaUntilThePeriodEnds(@TempDir Path dir) throws IOException {
    api.stubFor(
        get("/v6/" + NEW_KEY + "/latest/USD")
            .willReturn(aResponse().withStatus(200).withBody(QUOTA_REACHED)));
    Path keyFile = Files.writeString(dir.resolve("api-key"), NEW_KEY);
    SecretRedactor redactor = SecretRedactor.none();
    KeyRing keys = new KeyRing(keyFile, Duration.ofHours(24), clock, redactor::learn);
    SourceExtractor extractor =
        extractor(keyFile, keys, redactor, QuotaLimit.parse("1500/month", 0.8));

    ExtractionResult first = extractor.extract(latest());
    ExtractionResult second = extractor.extract(latest());

    assertThat(first.outcome()).isEqualTo(Outcome.QUOTA_SPENT);
    assertThat(first.records())
        .singleElement()
        .extracting(BronzeExtraction::getErrorCode)
        .isEqualTo("QUOTA_EXHAUSTED");
    assertThat(second.outcome()).isEqualTo(Outcome.QUOTA_SPENT);
    assertThat(second.records()).isEmpty();
    api.verify(1, getRequestedFor(urlEqualTo("/v6/" + NEW_KEY + "/latest/USD")));
    assertNoKeyAnywhere(first.records());
  }

  private void assertNoKeyAnywhere(List<BronzeExtraction> records) {
    assertThat(records)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.toString()).doesNotContain(OLD_KEY).doesNotContain(NEW_KEY);
              assertThat(r.getRequest().getUrl()).contains("/v6/***/latest/USD");
            });
    assertThat(logs.list)
        .isNotEmpty()
        .allSatisfy(
            event ->
                assertThat(event.getFormattedMessage())
                    .doesNotContain(OLD_KEY)
                    .doesNotContain(NEW_KEY));
    for (Meter meter : meters.getMeters()) {
      assertThat(meter.getId().toString()).doesNotContain(OLD_KEY).doesNotContain(NEW_KEY);
    }
  }

  private SourceExtractor extractor(
      Path keyFile, KeyRing keys, SecretRedactor redactor, QuotaLimit quota) {
    URI base = URI.create("http://127.0.0.1:" + api.getRuntimeInfo().getHttpPort());
    SourceConfig config =
        new SourceConfig(
            "erapi",
            "exchangerate-api",
            base,
            "USD",
            Duration.ofHours(6),
            SourceTier.PRIMARY,
            keyFile,
            List.of(),
            quota,
            RateLimit.DEFAULT,
            List.of());
    fetcher =
        new HttpFetcher(
            new HttpSettings(
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                HttpSettings.userAgent("test", "t@example.org")));
    QuotaLedger ledger =
        new QuotaLedger(quota == null ? Map.of() : Map.of("erapi", quota), clock, meters);
    RetrySettings retry =
        new RetrySettings(3, Duration.ofMillis(5), Duration.ofSeconds(1), Duration.ofMinutes(5));
    return new SourceExtractor(
        config,
        new ExchangeRateApiSource(base, "USD", true),
        fetcher,
        new BronzeRecordFactory(SourceExtractorTest.AUDIT, redactor),
        (record, usage) -> published.add(record),
        retry,
        new ExtractionMetrics(meters),
        ledger,
        keys);
  }

  private ExtractionJob latest() {
    return ExtractionJob.scheduled(
        new ExchangeRateApiSource(
                URI.create("http://127.0.0.1:" + api.getRuntimeInfo().getHttpPort()), "USD", true)
            .latest());
  }
}
