package io.makerates.launcher;

import io.makerates.stack.EmbeddedStack;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack of {@code bin/makerates}: an {@link EmbeddedStack} that keeps its data in one
 * folder, by default {@code .makerates/} in the project root ({@code -Dmakerates.home}, set by
 * bin/makerates; else the working folder). {@code up} runs it; another command that needs it while
 * {@code up} is not running starts it on the same folder with {@link #start}, and reads where a
 * running one answers with {@link #running}.
 */
public final class LocalStack {

  /** The system property naming the project root, under which the default data folder lies. */
  public static final String HOME_PROPERTY = "makerates.home";

  /**
   * The variables the stack sets for the apps, with values of the right form: for checking the
   * apps' settings before the stack runs.
   */
  static final Map<String, String> STAND_INS =
      Map.of(
          "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
          "MAKERATES_REGISTRY_URL", "http://127.0.0.1:8080/apis/registry/v3",
          "MAKERATES_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres",
          "MAKERATES_STATE_DIR", "streams-state");

  private LocalStack() {}

  /** {@code <project root>/.makerates}. */
  public static Path defaultDataDir() {
    return Path.of(System.getProperty(HOME_PROPERTY, "."))
        .toAbsolutePath()
        .normalize()
        .resolve(".makerates");
  }

  /**
   * Starts the whole stack (broker, registry, PostgreSQL) on {@code dataDir}, with the data it
   * holds; {@code fresh} deletes that data first. Fails with a message naming the folder when a
   * stack already runs on it.
   */
  public static EmbeddedStack start(Path dataDir, boolean fresh) {
    if (EmbeddedStack.isRunning(dataDir)) {
      throw new IllegalStateException(
          "a local stack is already running on "
              + dataDir.toAbsolutePath().normalize()
              + (fresh
                  ? "; stop it before starting fresh"
                  : "; stop it first (Ctrl-C where 'bin/makerates up' runs)"));
    }
    return EmbeddedStack.builder().all().dataDir(dataDir).fresh(fresh).start();
  }

  /** True when a live process holds the stack on {@code dataDir}. */
  public static boolean isRunning(Path dataDir) {
    return EmbeddedStack.isRunning(dataDir);
  }

  /**
   * Where the stack running on {@code dataDir} answers, as {@code up} wrote it; empty when none
   * runs there.
   */
  static Optional<LocalStackInfo> running(Path dataDir) {
    return isRunning(dataDir)
        ? LocalStackInfo.read(LocalStackInfo.file(dataDir))
        : Optional.empty();
  }
}
