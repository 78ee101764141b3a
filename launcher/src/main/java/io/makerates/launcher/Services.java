package io.makerates.launcher;

import io.makerates.extractor.ExtractorSettings;
import io.makerates.extractor.SourceConfig;
import io.makerates.runtime.config.Settings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a reading command ({@code audit}, {@code rates}, {@code gold}) finds Kafka, the registry
 * and PostgreSQL: the local stack when one runs on the data folder, else the same environment
 * variables the apps read (KAFKA_BOOTSTRAP_SERVERS, MAKERATES_REGISTRY_URL, MAKERATES_DATABASE_URL,
 * _USER, _PASSWORD), so that the commands also work against external services.
 */
record Services(
    String bootstrapServers,
    String registryUrl,
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    Map<String, String> sourceEnv) {

  /** The services, or a sentence saying how to name them. */
  static Services resolve(Path dataDir, Map<String, String> env) throws Unreachable {
    return resolve(dataDir, env, true);
  }

  /**
   * As {@link #resolve(Path, Map)}; a command that reads only Kafka does not need the database
   * named.
   */
  static Services resolve(Path dataDir, Map<String, String> env, boolean needsDatabase)
      throws Unreachable {
    Optional<LocalStackInfo> stack = LocalStack.running(dataDir);
    if (stack.isPresent()) {
      LocalStackInfo s = stack.get();
      return new Services(
          s.bootstrapServers(),
          s.registryUrl(),
          s.jdbcUrl(),
          s.dbUser(),
          s.dbPassword(),
          s.clientEnv());
    }
    if (LocalStack.isRunning(dataDir)) {
      throw new Unreachable(
          "The local stack on "
              + dataDir.toAbsolutePath().normalize()
              + " is starting; try again in a moment.");
    }
    Settings settings = new Settings(env);
    Optional<String> bootstrap =
        Optional.ofNullable(env.get("KAFKA_BOOTSTRAP_SERVERS")).filter(v -> !v.isBlank());
    Optional<String> registry = settings.optional("registry.url");
    Optional<String> database = settings.optional("database.url");
    if (bootstrap.isEmpty() || registry.isEmpty() || (needsDatabase && database.isEmpty())) {
      throw new Unreachable(
          "No local stack is running on "
              + dataDir.toAbsolutePath().normalize()
              + " and the environment names no cluster: start one with 'bin/makerates up', or set KAFKA_BOOTSTRAP_SERVERS,"
              + " MAKERATES_REGISTRY_URL"
              + (needsDatabase
                  ? " and MAKERATES_DATABASE_URL (with MAKERATES_DATABASE_USER and _PASSWORD)"
                  : "")
              + ".");
    }
    return new Services(
        bootstrap.get(),
        registry.get(),
        database.orElse(null),
        settings.string("database.user", "makerates"),
        settings.string("database.password", ""),
        env);
  }

  /**
   * The configured sources, read from {@code sourceEnv} (the running stack's extractor's, else the
   * environment's) as the extractor reads them; none when they do not parse here (a key file only
   * the extractor can read, say), and the commands then show the sources their records name.
   */
  static List<SourceConfig> configuredSources(Map<String, String> sourceEnv) {
    try {
      return ExtractorSettings.from(new Settings(sourceEnv)).sources();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
  }

  /** The services cannot be named or reached; the message is the one sentence to print. */
  static final class Unreachable extends Exception {
    Unreachable(String message) {
      super(message);
    }
  }
}
