package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code up} and {@code replay} do with the log lines of the apps they run: every line to the
 * file, again after the file was opened a second time; warnings as text on the terminal.
 */
class AppLogsTest {

  private static final Logger LOG = LoggerFactory.getLogger("io.makerates.sink.SilverRateWriter");

  @TempDir Path dir;

  @AfterEach
  void restoreLogging() {
    LogbackDefaults.restore();
  }

  @Test
  void everyLineGoesToTheFileEvenWhenItIsOpenedAgainAndWarningsToTheTerminal() throws Exception {
    Path file = dir.resolve("logs").resolve("makerates.log");
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(terminal, true, StandardCharsets.UTF_8);

    AppLogs.toFile(file, out);
    LOG.info("before the stack started");
    // a second 'up' on the same folder, or a fresh start that deleted the file, opens it again
    AppLogs.toFile(file, out);
    LOG.info("stored 3 silver records");
    Files.delete(file);
    AppLogs.toFile(file, out);
    LOG.warn("partition 2 paused");

    assertThat(Files.readAllLines(file))
        .hasSize(1)
        .allSatisfy(line -> assertThat(line).startsWith("{").contains("partition 2 paused"));
    assertThat(terminal.toString(StandardCharsets.UTF_8))
        .isEqualTo("WARN SilverRateWriter: partition 2 paused" + System.lineSeparator());
  }

  @Test
  void theAppsLinesOfASecondOpeningReachTheFile() throws Exception {
    Path file = dir.resolve("makerates.log");
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    AppLogs.toFile(file, out);
    LOG.info("first run");
    AppLogs.toFile(file, out);
    LOG.info("second run");
    assertThat(Files.readString(file)).contains("first run", "second run");
  }
}
