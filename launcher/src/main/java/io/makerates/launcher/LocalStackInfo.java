package io.makerates.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Where the running local stack can be reached; written by {@code up}, read by {@code status}. */
record LocalStackInfo(
    String bootstrapServers,
    String registryUrl,
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    Map<String, String> extractorEnv,
    Map<String, String> opsUrls) {

  private static final String EXTRACTOR_PREFIX = "extractor.";
  private static final String OPS_PREFIX = "ops.";

  LocalStackInfo {
    extractorEnv = Map.copyOf(extractorEnv);
    opsUrls = Map.copyOf(opsUrls);
  }

  /**
   * The same stack with where each app serves its health and metrics (app name → http://host:port).
   */
  LocalStackInfo withOps(Map<String, String> urls) {
    return new LocalStackInfo(
        bootstrapServers, registryUrl, jdbcUrl, dbUser, dbPassword, extractorEnv, urls);
  }

  /**
   * What a command run beside the stack (a backfill) needs to reach it, sources as the running
   * extractor has them.
   */
  Map<String, String> clientEnv() {
    Map<String, String> env = new java.util.LinkedHashMap<>(extractorEnv);
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("MAKERATES_REGISTRY_URL", registryUrl);
    return env;
  }

  static final String FILE = "stack.properties";

  /** The connection file in the local stack's data folder; present while {@code up} runs. */
  static Path file(Path dataDir) {
    return dataDir.resolve(FILE);
  }

  static LocalStackInfo of(Map<String, String> env, Map<String, String> extractorEnv) {
    return new LocalStackInfo(
        env.get("KAFKA_BOOTSTRAP_SERVERS"),
        env.get("MAKERATES_REGISTRY_URL"),
        env.get("MAKERATES_DATABASE_URL"),
        env.get("MAKERATES_DATABASE_USER"),
        env.get("MAKERATES_DATABASE_PASSWORD"),
        extractorEnv,
        Map.of());
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stale file is harmless: status checks the stack's lock first
    }
  }

  void write(Path file) {
    Properties p = new Properties();
    p.setProperty("bootstrap.servers", bootstrapServers);
    p.setProperty("registry.url", registryUrl);
    p.setProperty("database.url", jdbcUrl);
    p.setProperty("database.user", dbUser);
    p.setProperty("database.password", dbPassword);
    extractorEnv.forEach((name, value) -> p.setProperty(EXTRACTOR_PREFIX + name, value));
    opsUrls.forEach((app, url) -> p.setProperty(OPS_PREFIX + app, url));
    try (Writer out = Files.newBufferedWriter(file)) {
      p.store(out, "the running local MakeRates stack");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Optional<LocalStackInfo> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IOException e) {
      return Optional.empty();
    }
    Map<String, String> extractorEnv = new java.util.LinkedHashMap<>();
    p.stringPropertyNames().stream()
        .filter(n -> n.startsWith(EXTRACTOR_PREFIX))
        .forEach(n -> extractorEnv.put(n.substring(EXTRACTOR_PREFIX.length()), p.getProperty(n)));
    Map<String, String> ops = new java.util.TreeMap<>();
    p.stringPropertyNames().stream()
        .filter(n -> n.startsWith(OPS_PREFIX))
        .forEach(n -> ops.put(n.substring(OPS_PREFIX.length()), p.getProperty(n)));
    return Optional.of(
        new LocalStackInfo(
            p.getProperty("bootstrap.servers"),
            p.getProperty("registry.url"),
            p.getProperty("database.url"),
            p.getProperty("database.user"),
            p.getProperty("database.password"),
            extractorEnv,
            ops));
  }
}
