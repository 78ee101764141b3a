package io.makerates.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The local stack's apps as Prometheus file service discovery targets ({@code
 * prometheus-targets.json} in the data folder): their ops ports change with every {@code up}, so
 * {@code ops/prometheus/prometheus-local.yml} reads them from here. The file stays when the stack
 * stops, so that Prometheus sees the apps down rather than gone.
 */
final class PrometheusTargets {

  static final String FILE = "prometheus-targets.json";

  private PrometheusTargets() {}

  /**
   * @param opsUrls app name → its ops URL ({@code http://127.0.0.1:port})
   */
  static void write(Path dataDir, Map<String, String> opsUrls) {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode groups = mapper.createArrayNode();
    new TreeMap<>(opsUrls)
        .forEach(
            (app, url) -> {
              URI uri = URI.create(url);
              // every series carries its app already (the tag app): a target needs no label
              groups.addObject().putArray("targets").add(uri.getHost() + ":" + uri.getPort());
            });
    Path file = dataDir.resolve(FILE);
    Path partial = dataDir.resolve(FILE + ".tmp");
    try {
      mapper.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), groups);
      // Prometheus rereads the file when it changes: it must never see half of it
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
