package io.makerates.extractor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.makerates.extractor.quota.QuotaFeed;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.Topics;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.schema.QuotaUsage;
import io.makerates.stack.EmbeddedStack;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quota usage goes to the quota topic with each attempt and survives a restart: a restarted
 * extractor does not spend the same quota again. Through the real broker and registry.
 */
@Tag("integration")
class QuotaRestartIntegrationTest {

  @RegisterExtension
  static WireMockExtension api =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  static EmbeddedStack stack;

  @BeforeAll
  static void startStack() {
    stack = EmbeddedStack.builder().kafka().registry().start();
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aRestartedExtractorRestoresTheQuotaItUsedAndSendsNoMore() throws Exception {
    api.stubFor(
        get("/v1/latest")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"amount\":1.0,\"base\":\"EUR\",\"date\":\"2026-11-20\",\"rates\":{\"USD\":1.0512}}")));
    Map<String, String> env = new HashMap<>(stack.env());
    env.put("MAKERATES_SOURCES", "frankfurter");
    env.put(
        "MAKERATES_SOURCE_FRANKFURTER_BASE_URL",
        "http://127.0.0.1:" + api.getRuntimeInfo().getHttpPort());
    env.put("MAKERATES_SOURCE_FRANKFURTER_INTERVAL", "300ms");
    env.put("MAKERATES_SOURCE_FRANKFURTER_QUOTA", "3/day");
    env.put("MAKERATES_TOPIC_PARTITIONS", "1");

    PrometheusMeterRegistry firstMetrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (AutoCloseable first =
        ExtractorApp.start(
            new Settings(env).with(Map.of("MAKERATES_INSTANCE", "run-1")),
            firstMetrics,
            new HealthChecks())) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  firstMetrics
                      .scrape()
                      .contains(
                          "makerates_extractions_total{outcome=\"quota_spent\",source=\"frankfurter\"}"));
    }
    api.verify(3, getRequestedFor(urlEqualTo("/v1/latest")));

    PrometheusMeterRegistry secondMetrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (AutoCloseable second =
        ExtractorApp.start(
            new Settings(env).with(Map.of("MAKERATES_INSTANCE", "run-2")),
            secondMetrics,
            new HealthChecks())) {
      assertThat(
              secondMetrics
                  .get("makerates.extractor.quota.used")
                  .tag("source", "frankfurter")
                  .gauge()
                  .value())
          .isEqualTo(3.0);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  secondMetrics
                      .scrape()
                      .contains(
                          "makerates_extractions_total{outcome=\"quota_spent\",source=\"frankfurter\"}"));
    }
    api.verify(3, getRequestedFor(urlEqualTo("/v1/latest")));

    Properties kafka = new Properties();
    kafka.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    List<QuotaUsage> recorded;
    try (QuotaFeed feed =
        new QuotaFeed(
            kafka, new Topics(new AvroSerdes(stack.registryUrl())).quota, Duration.ofSeconds(30))) {
      recorded = feed.catchUp();
    }
    assertThat(recorded).extracting(QuotaUsage::getUsed).containsExactly(1L, 2L, 3L);
    assertThat(recorded).allSatisfy(q -> assertThat(q.getLimit()).isEqualTo(3L));
  }
}
