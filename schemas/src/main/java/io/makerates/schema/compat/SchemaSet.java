package io.makerates.schema.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * The current schemas of a folder of .avsc files, parsed together so they can refer to each other's
 * named types.
 */
public final class SchemaSet {

  private SchemaSet() {}

  /**
   * Parses every .avsc file in {@code dir}; files that use types defined in other files are retried
   * until all resolve.
   */
  public static Map<String, Schema> parseFolder(Path dir) {
    List<Path> pending = avscFiles(dir);
    Map<String, Schema> byFullName = new LinkedHashMap<>();
    Schema.Parser parser = new Schema.Parser();
    while (!pending.isEmpty()) {
      List<Path> unresolved = new ArrayList<>();
      AvroRuntimeException last = null;
      for (Path file : pending) {
        try {
          Schema schema = parser.parse(Files.readString(file));
          byFullName.put(schema.getFullName(), schema);
        } catch (AvroRuntimeException e) {
          // an undefined name: another file must be parsed first
          last = e;
          parser = copyOf(parser);
          unresolved.add(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      if (unresolved.size() == pending.size()) {
        throw new IllegalStateException(
            "cannot resolve schemas " + unresolved + ": " + last.getMessage(), last);
      }
      pending = unresolved;
    }
    return byFullName;
  }

  /**
   * Parses one self-contained schema file (as written to history/ by {@link
   * SchemaHistory#release}).
   */
  public static Schema parseFile(Path file) {
    try {
      return new Schema.Parser().parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> avscFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // A parser that failed half-way may hold a partly defined type; start again from the names known
  // so far.
  private static Schema.Parser copyOf(Schema.Parser failed) {
    Schema.Parser fresh = new Schema.Parser();
    fresh.addTypes(failed.getTypes().values());
    return fresh;
  }
}
