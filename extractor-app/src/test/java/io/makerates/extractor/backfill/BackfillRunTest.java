package io.makerates.extractor.backfill;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.makerates.extractor.ExtractionMetrics;
import io.makerates.extractor.MutableClock;
import io.makerates.extractor.RateLimit;
import io.makerates.extractor.RetrySettings;
import io.makerates.extractor.SourceConfig;
import io.makerates.extractor.SourceExtractor;
import io.makerates.extractor.audit.AuditContext;
import io.makerates.extractor.audit.BronzeRecordFactory;
import io.makerates.extractor.audit.SecretRedactor;
import io.makerates.extractor.backfill.BackfillPlan.Mode;
import io.makerates.extractor.http.HttpFetcher;
import io.makerates.extractor.http.HttpSettings;
import io.makerates.extractor.quota.QuotaLedger;
import io.makerates.extractor.quota.QuotaLimit;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ExtractionTrigger;
import io.makerates.schema.SourceTier;
import io.makerates.sources.frankfurter.FrankfurterSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BackfillRunTest {

  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  static final LocalDate MONDAY = LocalDate.of(2025, 1, 6);
  static final LocalDate WEDNESDAY = LocalDate.of(2025, 1, 8);

  final List<BronzeExtraction> published = new CopyOnWriteArrayList<>();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T22:00:00Z"));
  final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
  HttpFetcher fetcher;
  QuotaLedger ledger;

  @AfterEach
  void close() {
    if (fetcher != null) {
      fetcher.close();
    }
  }

  @Test
  void refusesBeforeSendingAnythingWhenTheQuotaCannotCoverThePlan() {
    api.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"rates\":{}}")));
    SourceExtractor extractor = extractor(QuotaLimit.parse("2/day", 0.8));
    BackfillPlan plan =
        BackfillPlan.build(
            extractor.source(), MONDAY, WEDNESDAY, Mode.ISOLATED, 31, false, Set.of());
    BackfillRun run = new BackfillRun(extractor, ledger, () -> {}, out, clock, d -> {});

    assertThatThrownBy(() -> run.checkQuota(plan, false))
        .isInstanceOf(BackfillRefusedException.class)
        .hasMessageContaining("needs at least 3 requests")
        .hasMessageContaining("allows only 2 more in DAY:2026-11-22")
        .hasMessageContaining("--pace");
    api.verify(0, getRequestedFor(anyUrl()));
  }

  @Test
  void pacesItselfAcrossQuotaPeriodsAndMarksEveryRecordWithItsRun() throws InterruptedException {
    api.stubFor(
        get(urlPathMatching("/v1/2025-01-0[678]"))
            .willReturn(aResponse().withStatus(200).withBody("{\"rates\":{}}")));
    SourceExtractor extractor = extractor(QuotaLimit.parse("2/day", 0.8));
    BackfillPlan plan =
        BackfillPlan.build(
            extractor.source(), MONDAY, WEDNESDAY, Mode.ISOLATED, 31, false, Set.of());
    List<Duration> waited = new CopyOnWriteArrayList<>();
    BackfillRun run =
        new BackfillRun(
            extractor,
            ledger,
            () -> {},
            out,
            clock,
            d -> {
              waited.add(d);
              clock.now = clock.now.plus(d);
            });

    run.checkQuota(plan, true);
    BackfillRun.Summary summary = run.run(plan, "run-42", true);

    assertThat(summary.complete()).isTrue();
    assertThat(summary.succeeded()).isEqualTo(3);
    assertThat(waited)
        .singleElement()
        .satisfies(
            d -> assertThat(d).isBetween(Duration.ofHours(2), Duration.ofHours(2).plusSeconds(2)));
    assertThat(published)
        .hasSize(3)
        .allSatisfy(
            r -> {
              assertThat(r.getTrigger()).isEqualTo(ExtractionTrigger.BACKFILL);
              assertThat(r.getBackfillRunId()).isEqualTo("run-42");
            });
    assertThat(published)
        .extracting(BronzeExtraction::getRequestedFrom)
        .containsExactly(MONDAY, MONDAY.plusDays(1), WEDNESDAY);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("[1/3]", "[3/3] 100% 2025-01-08 ok", "pacing");
  }

  @Test
  void goesOnAfterAFailedDateAndReportsTheRunIncomplete() throws InterruptedException {
    api.stubFor(
        get(urlPathMatching("/v1/2025-01-0[68]"))
            .willReturn(aResponse().withStatus(200).withBody("{\"rates\":{}}")));
    api.stubFor(
        get("/v1/2025-01-07")
            .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"not found\"}")));
    SourceExtractor extractor = extractor(null);
    BackfillPlan plan =
        BackfillPlan.build(
            extractor.source(), MONDAY, WEDNESDAY, Mode.ISOLATED, 31, false, Set.of());

    BackfillRun.Summary summary =
        new BackfillRun(extractor, ledger, () -> {}, out, clock, d -> {}).run(plan, "run-7", false);

    assertThat(summary.complete()).isFalse();
    assertThat(summary.succeeded()).isEqualTo(2);
    assertThat(summary.failed()).isEqualTo(1);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("[2/3]  66% 2025-01-07 failed: HTTP 404: not found");
  }

  private SourceExtractor extractor(QuotaLimit quota) {
    URI base = URI.create("http://127.0.0.1:" + api.getRuntimeInfo().getHttpPort());
    SourceConfig config =
        new SourceConfig(
            "frankfurter",
            "frankfurter",
            base,
            "EUR",
            Duration.ofHours(6),
            SourceTier.PRIMARY,
            null,
            List.of(),
            quota,
            new RateLimit(100, Duration.ofSeconds(1), Duration.ofSeconds(1)),
            List.of());
    fetcher =
        new HttpFetcher(
            new HttpSettings(
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                HttpSettings.userAgent("test", "t@example.org")));
    ledger =
        new QuotaLedger(quota == null ? Map.of() : Map.of("frankfurter", quota), clock, meters);
    AuditContext audit =
        new AuditContext("test-host", "test-instance", "abc123", "internal", "keep-5-years");
    return new SourceExtractor(
        config,
        new FrankfurterSource(base),
        fetcher,
        new BronzeRecordFactory(audit, SecretRedactor.none()),
        (record, usage) -> published.add(record),
        new RetrySettings(2, Duration.ofMillis(5), Duration.ofSeconds(1), Duration.ofMinutes(5)),
        new ExtractionMetrics(meters),
        ledger,
        null);
  }
}
