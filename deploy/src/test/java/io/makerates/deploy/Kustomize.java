package io.makerates.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize}, as {@code kubectl apply -k} would. */
final class Kustomize {

  static final YAMLMapper YAML = new YAMLMapper();

  private Kustomize() {}

  /** The repository's root: the first folder upwards holding {@code k8s/kustomizations.txt}. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("k8s/kustomizations.txt"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no k8s/kustomizations.txt above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** Every kustomization that must render, as {@code k8s/kustomizations.txt} lists them. */
  static List<String> listed(Path root) throws IOException {
    return Files.readAllLines(root.resolve("k8s/kustomizations.txt"), StandardCharsets.UTF_8)
        .stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  /** kubectl from {@code $KUBECTL} or the PATH. */
  static Optional<Path> kubectl() {
    String configured = System.getenv("KUBECTL");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static List<JsonNode> render(Path kubectl, Path root, String kustomization)
      throws IOException, InterruptedException {
    Path stderr = Files.createTempFile("kustomize", ".err");
    try {
      Process p =
          new ProcessBuilder(kubectl.toString(), "kustomize", kustomization)
              .directory(root.toFile())
              .redirectError(stderr.toFile())
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("kubectl kustomize " + kustomization + " did not finish");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "kubectl kustomize "
                + kustomization
                + " failed: "
                + Files.readString(stderr, StandardCharsets.UTF_8).strip());
      }
      return parse(new String(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(stderr);
    }
  }

  static List<JsonNode> parse(String yaml) throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
          objects.add(doc);
        }
      }
    }
    return objects;
  }
}
