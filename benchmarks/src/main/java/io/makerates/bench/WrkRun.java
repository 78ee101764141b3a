package io.makerates.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One load run of Debian's {@code wrk} against a URL, read from its report: requests per second,
 * the 50th and 99th latency percentiles, and the answers that were not 2xx or 3xx.
 */
record WrkRun(
    String url,
    int connections,
    int seconds,
    double requestsPerSecond,
    double p50Ms,
    double p99Ms,
    long requests,
    long errors) {

  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET = Pattern.compile("Socket errors: (.*)");
  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
  private static final Map<String, Double> TO_MS = Map.of("us", 0.001, "ms", 1.0, "s", 1000.0);

  /** Runs wrk with two threads (one per core of the machine the figures are taken on). */
  static WrkRun run(String url, int connections, int seconds)
      throws IOException, InterruptedException {
    Process wrk =
        new ProcessBuilder(
                List.of(
                    "wrk",
                    "-t2",
                    "-c" + connections,
                    "-d" + seconds + "s",
                    "--latency",
                    "--timeout",
                    "5s",
                    url))
            .redirectErrorStream(true)
            .start();
    String report = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
      throw new IllegalStateException("wrk failed on " + url + ":\n" + report);
    }
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    Matcher percentile = PERCENTILE.matcher(report);
    while (percentile.find()) {
      double ms = Double.parseDouble(percentile.group(2)) * TO_MS.get(percentile.group(3));
      if (percentile.group(1).equals("50")) {
        p50 = ms;
      } else {
        p99 = ms;
      }
    }
    long errors = find(NON_2XX, report).map(Long::parseLong).orElse(0L);
    if (find(SOCKET, report).isPresent()) {
      errors += 1; // any connect, read, write or timeout error spoils the run
    }
    return new WrkRun(
        url,
        connections,
        seconds,
        Double.parseDouble(
            find(RATE, report)
                .orElseThrow(
                    () -> new IllegalStateException("no rate in wrk's report:\n" + report))),
        p50,
        p99,
        find(TOTAL, report).map(Long::parseLong).orElse(0L),
        errors);
  }

  private static java.util.Optional<String> find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }
}
