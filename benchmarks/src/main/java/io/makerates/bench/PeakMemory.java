package io.makerates.bench;

import io.makerates.stack.EmbeddedStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The peak resident memory of every process a benchmark involves (its child JVMs, this JVM with the
 * broker, the registry and PostgreSQL with all its backends), from {@code /proc/<pid>/status} twice
 * a second.
 */
final class PeakMemory {

  private final Map<String, Long> tracked = new ConcurrentHashMap<>();
  private final Map<String, Long> peakKb = new ConcurrentHashMap<>();

  /** A child process to sample under {@code name}, from now on. */
  void track(String name, long pid) {
    tracked.put(name, pid);
  }

  /** Starts sampling, on a daemon thread, until the JVM ends. */
  void sample(EmbeddedStack stack) {
    Thread sampler =
        new Thread(
            () -> {
              while (true) {
                try {
                  tracked.forEach((name, pid) -> peak(name, rssKb(pid)));
                  peak("broker and benchmark (this JVM)", rssKb(ProcessHandle.current().pid()));
                  readPid(stack.directory().resolve("registry.pid"))
                      .ifPresent(pid -> peak("registry", rssKb(pid)));
                  readPid(stack.directory().resolve("postgres").resolve("postmaster.pid"))
                      .ifPresent(pid -> peak("postgresql (all its processes)", withChildren(pid)));
                  TimeUnit.MILLISECONDS.sleep(500);
                } catch (InterruptedException e) {
                  return;
                } catch (RuntimeException e) {
                  // a process that just ended
                }
              }
            },
            "rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Each process's peak in MB, sorted by name. */
  Map<String, Long> peaksMb() {
    Map<String, Long> mb = new TreeMap<>();
    peakKb.forEach((k, v) -> mb.put(k, v / 1024));
    return mb;
  }

  private void peak(String name, long kb) {
    peakKb.merge(name, kb, Math::max);
  }

  private static long withChildren(long pid) {
    long total = rssKb(pid);
    for (ProcessHandle c :
        ProcessHandle.of(pid).map(h -> h.children().toList()).orElse(List.of())) {
      total += rssKb(c.pid());
    }
    return total;
  }

  private static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // gone
    }
    return 0;
  }

  private static Optional<Long> readPid(Path file) {
    try {
      return Optional.of(Long.parseLong(Files.readAllLines(file).getFirst().trim()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
