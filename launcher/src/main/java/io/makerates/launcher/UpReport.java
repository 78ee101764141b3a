package io.makerates.launcher;

import io.makerates.stack.EmbeddedStack;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code up} tells on the terminal: the configuration the apps start with and the warnings
 * about it, then where everything answers once it runs. Log lines go to the file; this is for
 * people.
 */
final class UpReport {

  private UpReport() {}

  /** Once the stack runs, before the apps start. */
  static void starting(
      PrintStream out, UpCommand.Running partial, Path logFile, Optional<Path> configFile) {
    out.println("The apps' JSON logs go to " + logFile + "; warnings show here too.");
    out.println(
        "Configuration (shell over "
            + configFile.map(file -> file + " over defaults").orElse("defaults")
            + "; secrets redacted):");
    partial.config().describe().forEach(line -> out.println("  " + line));
    partial.config().warnings().forEach(w -> out.println("makerates: warning: " + w));
    if (partial.stub() != null) {
      out.println("Offline: sources are served by a stub at " + partial.stub().rootUrl());
    }
    out.println("Starting sink-app, api-app, streams-app and extractor-app...");
  }

  /** Once the apps are ready, or have had a minute to be. */
  static void up(PrintStream out, UpCommand.Running running, Path data, double seconds) {
    EmbeddedStack stack = running.stack();
    out.printf(
        "MakeRates is %s after %.1f s.%n",
        running.pipeline().ready() ? "up" : "starting (not all apps ready yet)", seconds);
    out.println("  Kafka:      " + stack.bootstrapServers());
    out.println("  Registry:   " + stack.registryUrl());
    out.println("  PostgreSQL: " + stack.jdbcUrl() + " (user " + stack.dbUser() + ")");
    out.println("  Data:       " + data);
    running
        .pipeline()
        .apps()
        .forEach(
            a ->
                out.printf(
                    "  %-14s http://127.0.0.1:%d/health/ready  /metrics%n",
                    a.name(), a.ops().port()));
    running
        .pipeline()
        .apiUrl()
        .ifPresent(
            url ->
                out.println(
                    "  Rates API:  "
                        + url
                        + "/v1/latest  (Frankfurter's v1: point a Frankfurter client at "
                        + url
                        + ")"));
    out.println(
        "Run 'bin/makerates status' for counts at every stage. Ctrl-C stops everything; the data"
            + " stays in "
            + data
            + " and the next 'up' goes on from it ('up --fresh' starts from nothing).");
  }
}
