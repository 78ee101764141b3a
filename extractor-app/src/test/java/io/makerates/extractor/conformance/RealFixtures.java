package io.makerates.extractor.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder of answers recorded from the real providers ({@code shared/fixtures/real}, third-party
 * data that stays outside the project). It is found as the sources module's {@link
 * io.makerates.sources.RealFixtures} finds it; a build without it skips the conformance tests
 * rather than failing.
 */
final class RealFixtures {

  /** The sidecar holding a recording's status and headers, next to the body it describes. */
  static final String META_SUFFIX = ".response-meta.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final String whereLooked;

  private RealFixtures(Path root, String whereLooked) {
    this.root = root;
    this.whereLooked = whereLooked;
  }

  static RealFixtures locate() {
    return io.makerates.sources.RealFixtures.located()
        .map(root -> new RealFixtures(root, root.toString()))
        .orElseGet(() -> new RealFixtures(null, io.makerates.sources.RealFixtures.absence()));
  }

  boolean present() {
    return root != null;
  }

  /** Says why the conformance tests did not run. */
  String absentMessage() {
    return whereLooked + "; conformance tests skipped";
  }

  Path root() {
    return root;
  }

  /**
   * The recorded answers of one provider's folder, sidecars left out; empty when the folder is
   * missing.
   */
  List<Path> answers(String folder) throws IOException {
    Path dir = root.resolve(folder);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().endsWith(META_SUFFIX))
          .sorted()
          .toList();
    }
  }

  /**
   * The response headers recorded next to an answer, in the order recorded; empty when there is no
   * sidecar.
   */
  static Optional<Map<String, List<String>>> recordedHeaders(Path answer) throws IOException {
    Path meta = answer.resolveSibling(answer.getFileName() + META_SUFFIX);
    if (!Files.isRegularFile(meta)) {
      return Optional.empty();
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    JSON.readTree(meta.toFile())
        .path("headers")
        .properties()
        .forEach(
            header -> {
              List<String> values = new ArrayList<>();
              for (JsonNode value : header.getValue()) {
                values.add(value.asText());
              }
              headers.put(header.getKey(), values);
            });
    return Optional.of(headers);
  }
}
