package io.makerates.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's table of source types lists every type of the build, each with its group. */
class ReadmeSourceTableTest {

  // | `id` | provider | endpoint | base | `GROUP` | ...
  private static final Pattern ROW =
      Pattern.compile(
          "^\\| `([a-z0-9-]+)` \\|[^|]*\\|[^|]*\\|[^|]*\\| `([A-Z0-9_]+)` \\|", Pattern.MULTILINE);

  @Test
  void listsEveryTypeWithItsGroup() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    String table = readme.substring(readme.indexOf("### Source types"));
    table = table.substring(0, table.indexOf("\n\n", table.indexOf("| type |")));
    Map<String, String> rows = new TreeMap<>();
    Matcher row = ROW.matcher(table);
    while (row.find()) {
      rows.put(row.group(1), row.group(2));
    }

    assertThat(rows).isEqualTo(new TreeMap<>(SourceTypes.defaultGroups()));
  }
}
