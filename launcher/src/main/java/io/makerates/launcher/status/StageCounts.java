package io.makerates.launcher.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What reached every stage, as {@link StageTally} counted it: committed records per topic, the
 * distinct gold keys, the fact rows, each source's activity, and where the count stands on every
 * partition. Saved as {@code status.json} in the data folder: {@code status} reads it instead of
 * scanning the topics itself, and the next {@code up} goes on counting from it.
 */
public final class StageCounts {

  /** The file's name in the data folder. */
  public static final String FILE = "status.json";

  public static final String BRONZE = "bronze records";
  public static final String OBSERVATIONS = "silver observations";
  public static final String RATES = "silver rates";
  public static final String REJECTED = "rejected";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  final Map<String, Long> records = new LinkedHashMap<>();
  final Set<String> goldKeys = new TreeSet<>();
  final Map<String, SourceActivity> sources = new TreeMap<>();
  // "topic/partition" → the next offset to count
  final Map<String, Long> positions = new HashMap<>();
  long factRows;
  long behind;
  Instant countedAt;

  StageCounts() {
    for (String stage : new String[] {BRONZE, OBSERVATIONS, RATES, REJECTED}) {
      records.put(stage, 0L);
    }
  }

  /** Committed records per stage, in pipeline order. */
  public Map<String, Long> records() {
    return Collections.unmodifiableMap(records);
  }

  public long goldKeys() {
    return goldKeys.size();
  }

  public long factRows() {
    return factRows;
  }

  /** Records on the topics not yet counted when the counts were saved. */
  public long behind() {
    return behind;
  }

  public Instant countedAt() {
    return countedAt;
  }

  /** Every source that left records, by id. */
  public Map<String, SourceActivity> sources() {
    return Map.copyOf(sources);
  }

  SourceActivity source(String id) {
    return sources.computeIfAbsent(id, k -> new SourceActivity());
  }

  /** The counts saved in {@code dataDir}; empty when there are none, or none that can be read. */
  public static Optional<StageCounts> read(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode root = MAPPER.readTree(file.toFile());
      StageCounts counts = new StageCounts();
      root.path("records")
          .properties()
          .forEach(r -> counts.records.put(r.getKey(), r.getValue().asLong()));
      root.path("goldKeys").forEach(k -> counts.goldKeys.add(k.asText()));
      root.path("sources")
          .properties()
          .forEach(s -> counts.sources.put(s.getKey(), SourceActivity.fromJson(s.getValue())));
      root.path("positions")
          .properties()
          .forEach(p -> counts.positions.put(p.getKey(), p.getValue().asLong()));
      counts.factRows = root.path("factRows").asLong();
      counts.behind = root.path("behind").asLong();
      counts.countedAt =
          root.hasNonNull("countedAt") ? Instant.parse(root.get("countedAt").asText()) : null;
      return Optional.of(counts);
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty(); // counted again from the start
    }
  }

  /** Saves the counts to {@code dataDir}, replacing the file in one move. */
  void write(Path dataDir) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("countedAt", countedAt == null ? null : countedAt.toString());
    root.put("behind", behind);
    root.put("factRows", factRows);
    ObjectNode stages = root.putObject("records");
    records.forEach(stages::put);
    goldKeys.forEach(root.putArray("goldKeys")::add);
    ObjectNode perSource = root.putObject("sources");
    sources.forEach((id, a) -> perSource.set(id, a.toJson(MAPPER)));
    ObjectNode at = root.putObject("positions");
    new TreeMap<>(positions).forEach(at::put);
    Path file = dataDir.resolve(FILE);
    Path partial = dataDir.resolve(FILE + ".tmp");
    try {
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), root);
      try {
        Files.move(
            partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the stage counts to " + file, e);
    }
  }
}
