package io.makerates.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apicurio registry as a child process: in-memory storage (its built-in H2), or SQL storage in
 * a PostgreSQL database when the stack keeps its data, so that artifacts and their ids survive a
 * restart. Its distribution is the {@code apicurio-registry-app-<version>-all.tar.gz} artifact that
 * Maven put in the local repository; it is unpacked once into a cache folder and reused.
 */
final class ApicurioRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);
  static final String VERSION = "3.3.3";
  static final String ARCHIVE_PROPERTY = "makerates.apicurio.archive";

  private final Process process;
  private final String url;

  private ApicurioRegistry(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Where the registry keeps its artifacts when they must survive a restart. */
  record SqlStorage(String jdbcUrl, String user, String password) {}

  /** Starts the registry; {@code storage} null keeps everything in memory. */
  static ApicurioRegistry start(
      StackDirectory dir, Duration timeout, PortBook ports, SqlStorage storage) throws Exception {
    Path home = unpackedDistribution();
    int port = ports.port("registry.http");
    Path log = dir.resolve("registry.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                javaExecutable(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                // names the stack folder on the command line, so a later start can recognise and
                // stop an orphan
                "-Dmakerates.stack=" + dir.path(),
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                // the management interface is built in and would take the fixed port 9000, clashing
                // with a second stack
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + ports.port("registry.management"),
                "-Dquarkus.log.level=WARN",
                "-Dquarkus.log.console.level=INFO",
                "-Dquarkus.http.access-log.enabled=true",
                "-Dquarkus.log.category.\"io.quarkus.http.access-log\".level=INFO",
                "-Dquarkus.http.access-log.pattern=%h %t \"%r\" %s %b %D",
                "-Dapicurio.rest.deletion.artifact.enabled=true"));
    if (storage != null) {
      command.addAll(
          List.of(
              "-Dapicurio.storage.kind=sql",
              "-Dapicurio.storage.sql.kind=postgresql",
              "-Dapicurio.datasource.url=" + storage.jdbcUrl(),
              "-Dapicurio.datasource.username=" + storage.user(),
              "-Dapicurio.datasource.password=" + storage.password(),
              // its default pool holds 20 connections from the start; the apps share PostgreSQL's
              // 100
              "-Dapicurio.datasource.jdbc.initial-size=2",
              "-Dapicurio.datasource.jdbc.min-size=2",
              "-Dapicurio.datasource.jdbc.max-size=10"));
    }
    command.addAll(List.of("-jar", home.resolve("quarkus-run.jar").toString()));
    Process process =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    dir.recordPid("registry", process.pid());
    ApicurioRegistry registry =
        new ApicurioRegistry(process, "http://127.0.0.1:" + port + "/apis/registry/v3");
    try {
      registry.awaitReady(timeout, log);
    } catch (Exception e) {
      registry.close();
      throw e;
    }
    return registry;
  }

  private void awaitReady(Duration timeout, Path log) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest info =
        HttpRequest.newBuilder(URI.create(url + "/system/info"))
            .timeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the registry exited with code " + process.exitValue() + "; its log: " + tail(log));
      }
      try {
        if (client.send(info, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IllegalStateException(
        "the registry was not ready within " + timeout + "; its log: " + tail(log));
  }

  String url() {
    return url;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /**
   * The java of this JVM: the build and bin/makerates both run on a JDK >= 21, which the registry
   * needs.
   */
  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static Path archive() {
    String configured =
        System.getProperty(
            ARCHIVE_PROPERTY, System.getenv().getOrDefault("MAKERATES_APICURIO_ARCHIVE", ""));
    Path path =
        configured.isBlank()
            ? Path.of(
                System.getProperty("user.home"),
                ".m2",
                "repository",
                "io",
                "apicurio",
                "apicurio-registry-app",
                VERSION,
                "apicurio-registry-app-" + VERSION + "-all.tar.gz")
            : Path.of(configured);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          "the Apicurio registry distribution is missing at "
              + path
              + ": build the project once (./mvnw install) so Maven downloads it, or set -D"
              + ARCHIVE_PROPERTY);
    }
    return path;
  }

  /**
   * Unpacks the archive once into ~/.cache/makerates; a half-finished unpack is never used (atomic
   * rename).
   */
  static synchronized Path unpackedDistribution() throws IOException, InterruptedException {
    Path caches = Path.of(System.getProperty("user.home"), ".cache", "makerates");
    Path cache = caches.resolve("apicurio-registry-" + VERSION);
    Path home = findRunJar(cache);
    if (home != null) {
      return home;
    }
    Files.createDirectories(caches);
    Path staging = Files.createTempDirectory(caches, "unpack-");
    try {
      Process tar =
          new ProcessBuilder("tar", "-xzf", archive().toString(), "-C", staging.toString())
              .redirectErrorStream(true)
              .start();
      String output;
      try (InputStream in = tar.getInputStream()) {
        output = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      if (tar.waitFor() != 0) {
        throw new IOException("cannot unpack " + archive() + ": " + output);
      }
      try {
        Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        // another JVM unpacked it first: use theirs
        StackDirectory.deleteRecursively(staging);
      }
    } finally {
      StackDirectory.deleteRecursively(staging);
    }
    home = findRunJar(cache);
    if (home == null) {
      throw new IllegalStateException("no quarkus-run.jar in " + archive());
    }
    LOG.info("unpacked the Apicurio registry into {}", cache);
    return home;
  }

  private static Path findRunJar(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> files = Files.walk(root, 4)) {
      return files
          .filter(p -> p.getFileName().toString().equals("quarkus-run.jar"))
          .map(Path::getParent)
          .findFirst()
          .orElse(null);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
