package io.makerates.sources;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real provider answers of {@code shared/fixtures/real} (see its README), found through the
 * system property or environment variable {@code MAKERATES_REAL_FIXTURES}, else as {@code
 * shared/fixtures/real} beside the working directory or any of its parents. A test that needs one
 * is skipped, saying where it was looked for, when it is absent.
 */
public final class RealFixtures {

  public static final String VARIABLE = "MAKERATES_REAL_FIXTURES";
  private static final Path RELATIVE = Path.of("shared", "fixtures", "real");
  private static final List<Path> LOOKED_AT = new ArrayList<>();
  private static final Path FOLDER = locate();

  private RealFixtures() {}

  private static Path locate() {
    String configured = System.getProperty(VARIABLE, System.getenv(VARIABLE));
    if (configured != null && !configured.isBlank()) {
      LOOKED_AT.add(Path.of(configured).toAbsolutePath());
    } else {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        LOOKED_AT.add(dir.resolve(RELATIVE));
      }
    }
    return LOOKED_AT.stream().filter(Files::isDirectory).findFirst().orElse(null);
  }

  /**
   * The fixtures folder, or empty when it is absent: for a test that reports the absence itself.
   */
  public static Optional<Path> located() {
    return Optional.ofNullable(FOLDER);
  }

  /** Why a test without the folder is skipped: where it was looked for. */
  public static String absence() {
    return "real fixtures folder is absent (set "
        + VARIABLE
        + " to point at it); looked for "
        + LOOKED_AT;
  }

  /**
   * The fixtures folder itself; the test is skipped, saying where it was looked for, without it.
   */
  public static Path folder() {
    assumeTrue(FOLDER != null, RealFixtures::absence);
    return FOLDER;
  }

  public static byte[] file(String relative) throws IOException {
    assumeTrue(FOLDER != null, RealFixtures::absence);
    Path path = FOLDER.resolve(relative);
    assumeTrue(Files.isRegularFile(path), () -> "real fixture " + path + " is absent");
    return Files.readAllBytes(path);
  }
}
