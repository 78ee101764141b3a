package io.makerates.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Option;

/**
 * What the commands that only read ({@code status}, {@code audit}, {@code rates}, {@code gold},
 * {@code quota}) share: the local stack's data folder, the environment that names external services
 * when no local stack runs, where they print, and quiet client logs (their output is the answer).
 */
abstract class ReadingCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "The local stack's data folder (default: .makerates in the project root).")
  Path dataDir = LocalStack.defaultDataDir();

  final Supplier<Map<String, String>> environment;
  final PrintStream out;
  final PrintStream err;
  private final boolean ownProcess;

  /**
   * The command as {@code bin/makerates} runs it: its own process, the shell's environment, the
   * terminal.
   */
  ReadingCommand() {
    this(System::getenv, System.out, System.err, true);
  }

  /**
   * @param ownProcess true when the command is the process: it may then silence the process's
   *     logging
   */
  ReadingCommand(
      Supplier<Map<String, String>> environment,
      PrintStream out,
      PrintStream err,
      boolean ownProcess) {
    this.environment = environment;
    this.out = out;
    this.err = err;
    this.ownProcess = ownProcess;
  }

  /**
   * Runs {@link #read}; services that cannot be named or do not answer are one sentence and exit
   * code 2.
   */
  @Override
  public final Integer call() {
    if (ownProcess) {
      AppLogs.quiet();
    }
    try {
      return read();
    } catch (Services.Unreachable e) {
      err.println(e.getMessage());
    } catch (SQLException e) {
      err.println("The database does not answer (" + e.getMessage() + ")");
    } catch (KafkaException e) {
      err.println("Kafka does not answer (" + e.getMessage() + ")");
    }
    return 2;
  }

  /** The command's work; returns its exit code. */
  abstract int read() throws Services.Unreachable, SQLException;

  /** The local stack's services, else those the environment names. */
  Services services(boolean needsDatabase) throws Services.Unreachable {
    return Services.resolve(dataDir, environment.get(), needsDatabase);
  }
}
