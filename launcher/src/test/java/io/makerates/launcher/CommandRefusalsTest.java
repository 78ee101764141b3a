package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code up}, {@code replay} and {@code backfill} refuse what they cannot do before anything
 * starts, with one line and exit code 2: nothing else is printed, and the data folder is not
 * touched.
 */
class CommandRefusalsTest {

  @TempDir Path dir;

  private record Result(int code, String out) {
    /** The whole output, which must be the one line. */
    String line() {
      assertThat(out.lines()).as(out).hasSize(1);
      return out.strip();
    }
  }

  private interface Command {
    Callable<Integer> make(PrintStream out);
  }

  private static Result run(Command command, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code =
        new CommandLine(command.make(out)).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    return new Result(code, bytes.toString(StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreLogging() {
    LogbackDefaults.restore();
  }

  @Test
  void upRefusesEveryAppsBadSettingBeforeAnythingStarts() {
    Path data = dir.resolve("data");
    Map<String, String> bad =
        Map.of(
            "MAKERATES_CONSENSUS_TOLERANCE_BPS=abc",
            "MAKERATES_CONSENSUS_TOLERANCE_BPS",
            "MAKERATES_CONSENSUS_TOLERANCE_BPS=-5",
            "MAKERATES_CONSENSUS_TOLERANCE_BPS",
            "MAKERATES_HISTORY_K=0",
            "MAKERATES_HISTORY_K",
            "MAKERATES_SOURCE_ECB_INTERVAL=banana",
            "MAKERATES_SOURCE_ECB_INTERVAL",
            "MAKERATES_SINK_WRITERS=0",
            "MAKERATES_SINK_WRITERS");
    bad.forEach(
        (assignment, name) -> {
          Map<String, String> shell = Map.of(name, assignment.substring(name.length() + 1));
          Result r =
              run(
                  out -> new UpCommand(() -> shell, out),
                  "--offline",
                  "--data-dir",
                  data.toString());
          assertThat(r.code()).as(r.out()).isEqualTo(2);
          assertThat(r.line()).startsWith("makerates: " + assignment + " ");
        });
    assertThat(data).as("nothing started on the data folder").doesNotExist();
  }

  @Test
  void upSaysAMissingConfigurationFileIsNotFound() {
    Path missing = dir.resolve("makerates.env");
    Result r =
        run(
            out -> new UpCommand(Map::of, out),
            "--config",
            missing.toString(),
            "--data-dir",
            dir.resolve("data").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.line())
        .isEqualTo("makerates: the configuration file " + missing + " is not found");
  }

  @Test
  void replayRefusesABadRuleBeforeAnythingStarts() {
    Path data = dir.resolve("data");
    Result r =
        run(
            out -> new LocalReplayCommand(() -> Map.of("MAKERATES_HISTORY_K", "0"), out),
            "--data-dir",
            data.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.line()).startsWith("replay refused: MAKERATES_HISTORY_K=0 ");
    assertThat(data).doesNotExist();
  }

  @Test
  void backfillRefusesARangeEndingInTheFuture() {
    LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
    Result r =
        backfill(Map.of(), "--source", "ecb", "--from", "2025-01-06", "--to", tomorrow.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.line())
        .startsWith("backfill refused: --to " + tomorrow + " is after today (")
        .contains("UTC");
  }

  @Test
  void backfillWithoutALocalStackSaysSoAndAPlanStillWorks() {
    Path data = dir.resolve("data");
    Result r = backfill(Map.of(), "--source", "ecb", "--from", "2025-01-06", "--to", "2025-01-10");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.line())
        .isEqualTo(
            "backfill refused: no local stack is running on "
                + data
                + ": start one with 'bin/makerates up' (or name a cluster: KAFKA_BOOTSTRAP_SERVERS,"
                + " MAKERATES_REGISTRY_URL)");

    Result plan =
        backfill(
            Map.of(),
            "--source",
            "ecb",
            "--from",
            "2025-01-06",
            "--to",
            "2025-01-10",
            "--mode",
            "ISOLATED",
            "--dry-run");
    assertThat(plan.code()).as(plan.out()).isZero();
    assertThat(plan.out())
        .contains("5 dates, 0 weekend dates left out: 5 requests")
        .contains("no local stack is running on " + data + " and no cluster is named, so dates");
  }

  /**
   * A broker that does not answer: one sentence, not the Kafka client's warning per attempt (the
   * client's own timeouts are shortened so that the test does not wait its default minute).
   */
  @Test
  void backfillSaysInOneLineThatKafkaDoesNotAnswer() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    PrintStream stderr = System.err;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    Result r;
    try {
      r =
          backfill(
              Map.of(
                  "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closed,
                  "KAFKA_DEFAULT_API_TIMEOUT_MS", "2000",
                  "KAFKA_REQUEST_TIMEOUT_MS", "1000",
                  "MAKERATES_REGISTRY_URL", "http://127.0.0.1:" + closed + "/apis/registry/v3",
                  "MAKERATES_SOURCES", "ecb"),
              "--source",
              "ecb",
              "--from",
              "2025-01-06",
              "--to",
              "2025-01-10");
    } finally {
      System.setErr(stderr);
    }
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.line()).startsWith("backfill refused: Kafka at 127.0.0.1:" + closed);
    assertThat(logs.toString(StandardCharsets.UTF_8)).as("the terminal's error stream").isEmpty();
  }

  private Result backfill(Map<String, String> shell, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data-dir";
    all[args.length + 1] = dir.resolve("data").toString();
    return run(out -> new LocalBackfillCommand(() -> shell, out), all);
  }
}
