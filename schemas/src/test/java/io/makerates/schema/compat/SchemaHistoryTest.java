package io.makerates.schema.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaHistoryTest {

  private static final Path CURRENT = Path.of("src/main/avro");
  private static final Path HISTORY = Path.of("history");

  @Test
  void currentSchemasAreCompatibleWithEveryReleasedVersion() {
    assertThat(SchemaSet.parseFolder(CURRENT))
        .containsKeys(
            "io.makerates.schema.BronzeExtraction", "io.makerates.schema.RateObservations",
            "io.makerates.schema.ConsensusRate", "io.makerates.schema.Rejection",
            "io.makerates.schema.GoldRate", "io.makerates.schema.QuotaUsage");
    assertThat(SchemaHistory.check(CURRENT, HISTORY)).isEmpty();
  }

  @Test
  void aRequiredFieldAddedWithoutDefaultIsRejected(@TempDir Path tmp) throws IOException {
    Path history = tmp.resolve("history");
    Path current = copyCurrent(tmp.resolve("v1"));
    assertThat(SchemaHistory.release(current, history)).isNotEmpty();

    Path changed = copyCurrent(tmp.resolve("v2"));
    replaceIn(
        changed.resolve("GoldRate.avsc"),
        "\"fields\": [",
        "\"fields\": [\n    {\"name\": \"venue\", \"type\": \"string\"},");

    List<SchemaHistory.Violation> violations = SchemaHistory.check(changed, history);
    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.schema()).isEqualTo("io.makerates.schema.GoldRate");
              assertThat(v.reason()).contains("venue");
            });
  }

  @Test
  void aFieldAddedWithDefaultIsAccepted(@TempDir Path tmp) throws IOException {
    Path history = tmp.resolve("history");
    SchemaHistory.release(copyCurrent(tmp.resolve("v1")), history);
    Path changed = copyCurrent(tmp.resolve("v2"));
    replaceIn(
        changed.resolve("GoldRate.avsc"),
        "\"fields\": [",
        "\"fields\": [\n    {\"name\": \"venue\", \"type\": [\"null\", \"string\"], \"default\": null},");

    assertThat(SchemaHistory.check(changed, history)).isEmpty();
    assertThat(SchemaHistory.release(changed, history))
        .containsExactly(history.resolve("GoldRate/v2.avsc"));
  }

  @Test
  void aChangedTypeIsCaughtAgainstAnOlderVersionNotOnlyTheLatest(@TempDir Path tmp)
      throws IOException {
    Path history = tmp.resolve("history");
    SchemaHistory.release(copyCurrent(tmp.resolve("v1")), history);
    // v2 drops sourceCount; a v3 that brings it back as a string reads v2 data but not v1 data
    Path v2 = copyCurrent(tmp.resolve("v2"));
    replaceIn(v2.resolve("GoldRate.avsc"), "{\"name\": \"sourceCount\", \"type\": \"int\"},", "");
    SchemaHistory.release(v2, history);
    Path v3 = copyCurrent(tmp.resolve("v3"));
    replaceIn(
        v3.resolve("GoldRate.avsc"),
        "{\"name\": \"sourceCount\", \"type\": \"int\"}",
        "{\"name\": \"sourceCount\", \"type\": \"string\", \"default\": \"\"}");

    assertThat(SchemaHistory.check(v3, history))
        .extracting(v -> v.version().getFileName().toString())
        .containsExactly("v1.avsc");
  }

  private static Path copyCurrent(Path target) throws IOException {
    Files.createDirectories(target);
    for (Path file : SchemaSet.avscFiles(CURRENT)) {
      Files.copy(file, target.resolve(file.getFileName()));
    }
    return target;
  }

  private static void replaceIn(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }
}
