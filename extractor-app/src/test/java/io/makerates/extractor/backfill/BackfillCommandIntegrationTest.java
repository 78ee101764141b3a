package io.makerates.extractor.backfill;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.makerates.stack.EmbeddedStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The backfill command against a real broker and registry: a stopped run resumes with the dates
 * still missing.
 */
@Tag("integration")
class BackfillCommandIntegrationTest {

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
  void aStoppedRunResumesWithTheDatesStillMissingAndADryRunSendsNothing() {
    for (String day : new String[] {"2025-01-06", "2025-01-08"}) {
      api.stubFor(
          get("/v1/" + day)
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withBody(
                          "{\"amount\":1.0,\"base\":\"EUR\",\"date\":\""
                              + day
                              + "\",\"rates\":{\"USD\":1.04}}")));
    }
    api.stubFor(get("/v1/2025-01-07").willReturn(aResponse().withStatus(503)));
    Map<String, String> env = new HashMap<>(stack.env());
    env.put(
        "MAKERATES_SOURCE_FRANKFURTER_BASE_URL",
        "http://127.0.0.1:" + api.getRuntimeInfo().getHttpPort());
    env.put("MAKERATES_RETRY_MAX_ATTEMPTS", "2");
    env.put("MAKERATES_RETRY_INITIAL_BACKOFF", "10ms");
    env.put("MAKERATES_TOPIC_PARTITIONS", "2");

    Run first =
        backfill(
            env,
            "--source",
            "frankfurter",
            "--from",
            "2025-01-06",
            "--to",
            "2025-01-08",
            "--mode",
            "isolated",
            "--run-id",
            "first");
    assertThat(first.exit).as(first.out).isEqualTo(1);
    assertThat(first.out)
        .contains(
            "3 requests",
            "[2/3]",
            "2 of 3 requests succeeded, 1 failed",
            "run the same command again");

    api.stubFor(
        get("/v1/2025-01-07")
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "{\"amount\":1.0,\"base\":\"EUR\",\"date\":\"2025-01-07\",\"rates\":{\"USD\":1.03}}")));
    Run dry =
        backfill(
            env,
            "--source",
            "frankfurter",
            "--from",
            "2025-01-06",
            "--to",
            "2025-01-08",
            "--mode",
            "ISOLATED",
            "--dry-run");
    assertThat(dry.exit).as(dry.out).isZero();
    assertThat(dry.out).contains("2 already extracted", "1 requests", "dry run: nothing sent");
    api.verify(2, getRequestedFor(urlEqualTo("/v1/2025-01-07")));

    Run second =
        backfill(
            env,
            "--source",
            "frankfurter",
            "--from",
            "2025-01-06",
            "--to",
            "2025-01-08",
            "--mode",
            "ISOLATED",
            "--run-id",
            "second");
    assertThat(second.exit).as(second.out).isZero();
    assertThat(second.out).contains("[1/1] 100% 2025-01-07 ok");
    api.verify(1, getRequestedFor(urlEqualTo("/v1/2025-01-06")));
    api.verify(3, getRequestedFor(urlEqualTo("/v1/2025-01-07")));
    api.verify(1, getRequestedFor(urlEqualTo("/v1/2025-01-08")));

    Map<String, String> capped = new HashMap<>(env);
    capped.put("MAKERATES_SOURCE_FRANKFURTER_QUOTA", "5/day");
    Run refused =
        backfill(
            capped,
            "--source",
            "frankfurter",
            "--from",
            "2025-02-03",
            "--to",
            "2025-02-14",
            "--mode",
            "ISOLATED");
    assertThat(refused.exit).isEqualTo(2);
    assertThat(refused.out).contains("needs at least 10 requests", "allows only 5 more");

    Run unknown = backfill(env, "--source", "nope", "--from", "2025-01-06", "--to", "2025-01-08");
    assertThat(unknown.exit).isEqualTo(2);
    assertThat(unknown.out).contains("no source 'nope' is configured");
  }

  record Run(int exit, String out) {}

  private static Run backfill(Map<String, String> env, String... args) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    int exit =
        new CommandLine(new BackfillCommand(() -> env, out))
            .setCaseInsensitiveEnumValuesAllowed(true)
            .execute(args);
    return new Run(exit, printed.toString(StandardCharsets.UTF_8));
  }
}
