package io.makerates.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main source file of this module is longer than {@value #MAX_LINES} lines: a source type that
 * grows past that does more than one job, and the second job belongs in a class of its own in the
 * type's package, where a reader finds it by name.
 */
class SourceClassLengthTest {

  private static final int MAX_LINES = 250;

  @Test
  void noMainSourceFileIsLongerThanTheLimit() throws IOException {
    Path main = mainSources();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(main)) {
      files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
    assertThat(files).as("main sources found under " + main).hasSizeGreaterThan(50);

    List<String> offenders = new ArrayList<>();
    for (Path file : files) {
      long lines;
      try (Stream<String> text = Files.lines(file)) {
        lines = text.count();
      }
      if (lines > MAX_LINES) {
        offenders.add(main.relativize(file) + " has " + lines + " lines");
      }
    }
    assertThat(offenders).as("main sources longer than " + MAX_LINES + " lines").isEmpty();
  }

  /**
   * This module's {@code src/main/java}: the working folder is the module's when Maven runs the
   * test, the reactor's root when an IDE does.
   */
  private static Path mainSources() {
    Path here = Path.of("").toAbsolutePath();
    if (Files.isDirectory(here.resolve("src/main/java/io/makerates/sources"))) {
      return here.resolve("src/main/java");
    }
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("sources/src/main/java"))) {
        return dir.resolve("sources/src/main/java");
      }
    }
    throw new UncheckedIOException(new IOException("no sources/src/main/java above " + here));
  }
}
