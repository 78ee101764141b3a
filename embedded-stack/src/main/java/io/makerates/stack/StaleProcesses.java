package io.makerates.stack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops processes a dead run left behind: every {@code *.pid} file of its folder, and PostgreSQL's
 * own {@code postmaster.pid}. A pid is only signalled when its command line still names the run's
 * folder, so a recycled pid of an unrelated process is never touched.
 */
final class StaleProcesses {

  private static final Logger LOG = LoggerFactory.getLogger(StaleProcesses.class);

  private StaleProcesses() {}

  static void stopRecorded(Path run) throws IOException {
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(run, "*.pid")) {
      for (Path pidFile : pids) {
        readPid(pidFile).ifPresent(pid -> stop(pid, run));
      }
    }
    Path postmaster = run.resolve("postgres").resolve("postmaster.pid");
    if (Files.exists(postmaster)) {
      readPid(postmaster).ifPresent(pid -> stopPostmaster(pid, run));
    }
  }

  /**
   * A postmaster gets SIGINT, PostgreSQL's fast shutdown: it ends the sessions (an orphaned
   * registry's too), writes a checkpoint and exits, so a data folder that is kept loses nothing
   * committed. SIGTERM would wait for every client.
   */
  static void stopPostmaster(long pid, Path run) {
    ProcessHandle.of(pid)
        .ifPresent(
            process -> {
              String commandLine = process.info().commandLine().orElse("");
              if (!commandLine.contains(run.toString())) {
                return;
              }
              LOG.warn(
                  "stopping the PostgreSQL server {} left by a dead run: {}", pid, commandLine);
              try {
                new ProcessBuilder("kill", "-INT", Long.toString(pid))
                    .inheritIO()
                    .start()
                    .waitFor(5, TimeUnit.SECONDS);
                process.onExit().get(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
              } catch (IOException | ExecutionException | TimeoutException e) {
                LOG.warn("PostgreSQL server {} did not stop on SIGINT; killing it", pid);
                process.destroyForcibly();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
              }
            });
  }

  static Optional<Long> readPid(Path file) {
    try {
      String first = Files.readAllLines(file).stream().findFirst().orElse("").trim();
      return first.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(first));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  static void stop(long pid, Path run) {
    ProcessHandle.of(pid)
        .ifPresent(
            process -> {
              String commandLine = process.info().commandLine().orElse("");
              if (!commandLine.contains(run.toString())) {
                return;
              }
              LOG.warn("stopping process {} left by a dead run: {}", pid, commandLine);
              process.destroy();
              try {
                process.onExit().get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
              } catch (Exception e) {
                process.destroyForcibly();
              }
            });
  }
}
