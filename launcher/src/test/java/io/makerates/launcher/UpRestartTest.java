package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicDescriptor;
import io.makerates.runtime.kafka.Topics;
import io.makerates.schema.BronzeExtraction;
import io.makerates.stack.EmbeddedStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code up}, {@code backfill} and {@code replay} as the command line runs them, on one data
 * folder: {@code up} stopped as Ctrl-C stops it and started again still has its bronze records,
 * silver rates, fact rows and gold keys, the registry still decodes the old records, and the apps'
 * log lines of the second run are in the log file; a backfill beside it and a replay after it run;
 * {@code --fresh} starts from nothing. What each of them prints on the terminal holds no log line:
 * neither a warning nor JSON.
 */
@Tag("integration")
class UpRestartTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private final List<Up> started = new ArrayList<>();
  private Path data;
  private PrintStream systemOut;

  @BeforeEach
  void makeTheDataFolder() throws Exception {
    // not under the OS temp folder: Kafka Streams warns, rightly, about a state folder there. A
    // checkout under /tmp (a CI clone) puts target/ there too, so the home folder is used then
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    Path target = Path.of("target").toAbsolutePath().normalize();
    Path parent =
        target.startsWith(tmp)
            ? Path.of(System.getProperty("user.home"), ".cache", "makerates-tests")
            : target;
    data = Files.createDirectories(parent.resolve("up-restart-" + UUID.randomUUID()));
    systemOut = System.out;
  }

  @AfterEach
  void cleanUp() {
    // a failed test leaves its 'up' running: stopped before its folder goes, or the broker would
    // find its log folder gone and halt the JVM
    started.forEach(up -> up.command.stop());
    System.setOut(systemOut);
    LogbackDefaults.restore();
    deleteRecursively(data);
  }

  private static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (var paths = Files.walk(folder)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a leftover is harmless
    }
  }

  @Test
  void aStoppedUpStartedAgainKeepsEveryStageAndItsLogsAndFreshStartsEmpty() throws Exception {
    Set<String> firstExtractions;
    Set<String> firstSilverKeys;
    long firstFacts;
    Up first = new Up("--offline", "--data-dir", data.toString());
    UpCommand.Running running = first.awaitUp();
    assertThat(LocalStack.isRunning(data)).isTrue();
    assertThat(LocalStack.running(data)).isPresent();
    assertThatThrownBy(() -> LocalStack.start(data, true))
        .hasMessageContaining("already running on");
    Topics topics = new Topics(new AvroSerdes(running.stack().registryUrl()));
    firstExtractions =
        await()
            .atMost(WAIT)
            .until(() -> extractionIds(running.stack(), topics), ids -> !ids.isEmpty());
    firstSilverKeys =
        await().atMost(WAIT).until(() -> keys(running.stack(), topics.rates), k -> !k.isEmpty());
    firstFacts = await().atMost(WAIT).until(() -> factRows(running.stack()), n -> n > 0);
    await()
        .atMost(WAIT)
        .until(() -> keys(running.stack(), topics.gold), k -> k.contains("EUR/USD"));
    first.stop();
    assertThat(LocalStack.isRunning(data)).isFalse();
    assertThat(LocalStackInfo.file(data))
        .as("the connection file goes with a clean stop")
        .doesNotExist();
    assertThat(LocalStack.running(data)).isEmpty();
    assertThat(first.terminal()).contains("MakeRates is up", "Stopped; nothing left running.");

    Path log = data.resolve("logs").resolve("makerates.log");
    int linesOfTheFirstRun = Files.readAllLines(log).size();
    Up second = new Up("--offline", "--data-dir", data.toString());
    UpCommand.Running again = second.awaitUp();
    // serdes with no cache: every old record is decoded through the restarted registry's ids
    Topics decoded = new Topics(new AvroSerdes(again.stack().registryUrl()));
    assertThat(extractionIds(again.stack(), decoded)).containsAll(firstExtractions);
    assertThat(keys(again.stack(), decoded.rates)).containsAll(firstSilverKeys);
    assertThat(factRows(again.stack())).isGreaterThanOrEqualTo(firstFacts);
    assertThat(keys(again.stack(), decoded.gold)).contains("EUR/USD");
    assertThat(LocalStack.running(data)).isPresent();
    List<String> secondRunsLines =
        await()
            .atMost(WAIT)
            .until(
                () -> {
                  List<String> lines = Files.readAllLines(log);
                  return lines.subList(linesOfTheFirstRun, lines.size());
                },
                lines -> fromEveryApp(lines));
    assertThat(secondRunsLines).allSatisfy(line -> assertThat(line).startsWith("{"));

    // a backfill beside it, in its own process as from another terminal
    LocalDate monday = LocalDate.now(ZoneOffset.UTC).minusWeeks(3).with(DayOfWeek.MONDAY);
    Terminal backfill =
        commandLine(
            "backfill",
            "--data-dir",
            data.toString(),
            "--source",
            "ecb",
            "--mode",
            "ISOLATED",
            "--from",
            monday.toString(),
            "--to",
            monday.plusDays(2).toString());
    assertThat(backfill.code()).as(backfill.text()).isZero();
    assertThat(backfill.text()).contains("3 of 3 requests succeeded");
    assertNoLogLine("backfill", backfill.text());
    second.stop();

    ByteArrayOutputStream replayed = new ByteArrayOutputStream();
    PrintStream replayTerminal = terminal(replayed);
    int replay =
        new CommandLine(new LocalReplayCommand(Map::of, replayTerminal))
            .execute("--data-dir", data.toString());
    String replayText = replayed.toString(StandardCharsets.UTF_8);
    assertThat(replay).as(replayText).isZero();
    assertThat(replayText).contains("replay done", "fact_rate ");
    assertNoLogLine("replay", replayText);
    System.setOut(systemOut);

    Up fresh = new Up("--offline", "--fresh", "--data-dir", data.toString());
    UpCommand.Running empty = fresh.awaitUp();
    Topics freshTopics = new Topics(new AvroSerdes(empty.stack().registryUrl()));
    Set<String> ids =
        await()
            .atMost(WAIT)
            .until(() -> extractionIds(empty.stack(), freshTopics), s -> !s.isEmpty());
    assertThat(ids).doesNotContainAnyElementsOf(firstExtractions);
    fresh.stop();

    assertNoLogLine("up", first.terminal());
    assertNoLogLine("up (again)", second.terminal());
    assertNoLogLine("up --fresh", fresh.terminal());
  }

  /** Lines of extractor-app, streams-app and sink-app are all there. */
  private static boolean fromEveryApp(List<String> lines) {
    return List.of("io.makerates.extractor.", "io.makerates.streams.", "io.makerates.sink.")
        .stream()
        .allMatch(app -> lines.stream().anyMatch(l -> l.contains("\"logger_name\":\"" + app)));
  }

  /** The terminal is for people: the log lines, warnings and JSON alike, go to the file. */
  private static void assertNoLogLine(String command, String terminal) {
    assertThat(terminal.lines())
        .as("what '%s' printed:%n%s", command, terminal)
        .noneMatch(l -> l.startsWith("WARN ") || l.startsWith("ERROR ") || l.startsWith("{"))
        .noneMatch(l -> l.startsWith("makerates: warning"));
  }

  /**
   * A terminal both the command and anything writing to the process's stdout print to: a log line
   * that escaped the file would land here.
   */
  private static PrintStream terminal(ByteArrayOutputStream bytes) {
    PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    System.setOut(terminal);
    return terminal;
  }

  /** {@code up} as the command line runs it, on its own thread; stopped as Ctrl-C stops it. */
  private final class Up {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final UpCommand command = new UpCommand(Map::of, UpRestartTest.terminal(bytes));
    private final FutureTask<Integer> exit;

    Up(String... args) {
      started.add(this);
      exit = new FutureTask<>(() -> new CommandLine(command).execute(args));
      Thread thread = new Thread(exit, "up-under-test");
      thread.setDaemon(true);
      thread.start();
    }

    UpCommand.Running awaitUp() {
      await().atMost(WAIT).failFast(exit::isDone).until(() -> terminal().contains("MakeRates is "));
      UpCommand.Running running = command.running().orElseThrow();
      await().atMost(WAIT).until(running.pipeline()::ready);
      return running;
    }

    void stop() throws Exception {
      command.stop();
      assertThat(exit.get(60, TimeUnit.SECONDS)).as(terminal()).isZero();
      System.setOut(systemOut);
    }

    String terminal() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private record Terminal(int code, String text) {}

  /**
   * {@code bin/makerates ARGS} in a process of its own, as bin/makerates starts it: its whole
   * terminal, standard output and error.
   */
  private static Terminal commandLine(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-DMAKERATES_LOG_LEVEL=WARN");
    // the test's class path reaches runtime's jar through several modules' manifests, and logback
    // reports each copy of its logback.xml; bin/makerates' class path holds one
    command.add("-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(MakeRatesCli.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Terminal(process.waitFor(), text);
  }

  private static Set<String> extractionIds(EmbeddedStack stack, Topics topics) {
    return TestTopics.readAll(stack, topics.bronze).stream()
        .map(ConsumerRecord::value)
        .map(BronzeExtraction::getExtractionId)
        .map(String::valueOf)
        .collect(Collectors.toSet());
  }

  private static <V> Set<String> keys(EmbeddedStack stack, TopicDescriptor<String, V> topic) {
    return TestTopics.readAll(stack, topic).stream()
        .map(ConsumerRecord::key)
        .collect(Collectors.toSet());
  }

  private static long factRows(EmbeddedStack stack) throws Exception {
    try (Connection conn =
            DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        ResultSet rs =
            conn.createStatement()
                .executeQuery(
                    "SELECT CASE WHEN to_regclass('public.fact_rate') IS NULL THEN 0 ELSE (SELECT count(*) FROM fact_rate) END")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
