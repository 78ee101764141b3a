package io.makerates.schema.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * BACKWARD_TRANSITIVE check of the current schemas against every released version kept in {@code
 * history/<simple name>/v<N>.avsc}: a consumer with the current schema must read data written with
 * any of them.
 */
public final class SchemaHistory {

  /** One released version the current schema can no longer read. */
  public record Violation(String schema, Path version, String reason) {
    @Override
    public String toString() {
      return schema + " cannot read data written with " + version.getFileName() + ": " + reason;
    }
  }

  private SchemaHistory() {}

  public static List<Violation> check(Path currentDir, Path historyDir) {
    List<Violation> violations = new ArrayList<>();
    for (Schema current : SchemaSet.parseFolder(currentDir).values()) {
      for (Path released : versions(historyDir.resolve(current.getName()))) {
        Schema writer = SchemaSet.parseFile(released);
        SchemaPairCompatibility result =
            SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
          violations.add(
              new Violation(
                  current.getFullName(),
                  released,
                  result.getResult().getIncompatibilities().toString()));
        }
      }
    }
    return violations;
  }

  /** Copies each current schema, fully resolved, into history as its next version. */
  public static List<Path> release(Path currentDir, Path historyDir) {
    List<Path> written = new ArrayList<>();
    try {
      for (Schema current : SchemaSet.parseFolder(currentDir).values()) {
        Path dir = Files.createDirectories(historyDir.resolve(current.getName()));
        List<Path> existing = versions(dir);
        if (!existing.isEmpty() && SchemaSet.parseFile(existing.getLast()).equals(current)) {
          continue;
        }
        Path next = dir.resolve("v" + (existing.size() + 1) + ".avsc");
        Files.writeString(next, current.toString(true) + "\n");
        written.add(next);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return written;
  }

  static List<Path> versions(Path dir) {
    return SchemaSet.avscFiles(dir).stream()
        .sorted(Comparator.comparingInt(SchemaHistory::versionNumber))
        .toList();
  }

  private static int versionNumber(Path file) {
    String name = file.getFileName().toString();
    return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
  }

  /**
   * {@code check [current-dir history-dir]} exits 1 listing violations; {@code release} snapshots
   * the current schemas.
   */
  public static void main(String[] args) {
    String command = args.length > 0 ? args[0] : "check";
    Path current = Path.of(args.length > 1 ? args[1] : "schemas/src/main/avro");
    Path history = Path.of(args.length > 2 ? args[2] : "schemas/history");
    switch (command) {
      case "check" -> {
        List<Violation> violations = check(current, history);
        violations.forEach(v -> System.err.println("INCOMPATIBLE " + v));
        if (!violations.isEmpty()) {
          System.exit(1);
        }
        System.out.println("schemas are BACKWARD_TRANSITIVE compatible with " + history);
      }
      case "release" -> release(current, history).forEach(p -> System.out.println("released " + p));
      default -> {
        System.err.println("usage: SchemaHistory check|release [current-dir history-dir]");
        System.exit(2);
      }
    }
  }

  static Map<String, Schema> current(Path dir) {
    return SchemaSet.parseFolder(dir);
  }
}
