package io.makerates.runtime.currency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference tables shipped inside the jars (currencies, redenominations, pegs):
 * comma-separated, {@code #} comments and a header line, a field in double quotes may hold commas.
 */
public final class BundledCsv {

  private BundledCsv() {}

  /**
   * The data rows of {@code resource} (next to {@code owner}), each padded with empty fields to
   * {@code columns}.
   */
  public static List<List<String>> rows(Class<?> owner, String resource, int columns) {
    InputStream in = owner.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(
          "missing resource " + resource + " beside " + owner.getName());
    }
    List<List<String>> rows = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      boolean header = true;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        rows.add(fields(line, columns));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static List<String> fields(String line, int columns) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    while (fields.size() < columns) {
      fields.add("");
    }
    return fields;
  }
}
