package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StatusCommandTest {

  @Test
  void saysHowToStartWhenNoLocalStackRuns(@TempDir Path root) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    try {
      int code =
          new CommandLine(new MakeRatesCli()).execute("status", "--data-dir", root.toString());
      assertThat(code).isEqualTo(1);
    } finally {
      System.setErr(err);
      LogbackDefaults.restore(); // status made the logging quiet
    }
    assertThat(captured.toString()).contains("No local stack is running", "bin/makerates up");
  }
}
