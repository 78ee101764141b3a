package io.makerates.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A source type is its package: no main code elsewhere names one of its classes or writes its id as
 * a string, so adding or removing a type touches its package (and the README's row) only.
 * Everything else reaches types through {@link SourceTypes}. The benchmarks module is left out on
 * purpose: it replays three providers' history with their historical currency lists, as test data.
 */
class SourceTypesStayInTheirPackagesTest {

  private static final List<String> LEFT_OUT = List.of("benchmarks");

  @Test
  void noMainCodeNamesATypeOutsideItsPackage() throws IOException {
    Path root = projectRoot();
    List<Path> mainSources = mainSources(root);
    assertThat(mainSources).as("main sources found under " + root).hasSizeGreaterThan(50);

    List<String> violations = new ArrayList<>();
    for (SourceTypeProvider provider : ServiceLoader.load(SourceTypeProvider.class)) {
      String pkg = provider.getClass().getPackageName();
      Path own = root.resolve("sources/src/main/java").resolve(pkg.replace('.', '/'));
      List<Pattern> names = new ArrayList<>();
      names.add(Pattern.compile("\"" + Pattern.quote(provider.sourceType().id()) + "\""));
      names.add(Pattern.compile(Pattern.quote(pkg) + "\\b"));
      try (Stream<Path> files = Files.list(own)) {
        files
            .map(f -> f.getFileName().toString().replace(".java", ""))
            .forEach(cls -> names.add(Pattern.compile("\\b" + Pattern.quote(cls) + "\\b")));
      }
      for (Path file : mainSources) {
        if (file.startsWith(own)) {
          continue;
        }
        String text = Files.readString(file);
        for (Pattern name : names) {
          if (name.matcher(text).find()) {
            violations.add(root.relativize(file) + " names " + name.pattern());
          }
        }
      }
    }
    assertThat(violations).as("source types named outside their packages").isEmpty();
  }

  private static List<Path> mainSources(Path root) throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        Path main = module.resolve("src/main/java");
        if (LEFT_OUT.contains(module.getFileName().toString()) || !Files.isDirectory(main)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(main)) {
          files.filter(f -> f.toString().endsWith(".java")).forEach(found::add);
        }
      }
    }
    return found;
  }

  /** The folder holding this module and its siblings (the reactor's root). */
  private static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("sources/src/main/java"))) {
        return dir;
      }
    }
    throw new UncheckedIOException(new IOException("no project root above the working folder"));
  }
}
