package io.makerates.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** The topic catalogue is the contract the README states, and the topics are created as it says. */
class ContractTopicTest {

  @Test
  void theReadmesContractTableIsTheCatalogue() throws Exception {
    String readme = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
    int start = readme.indexOf("## Contracts\n");
    assertThat(start).as("README.md has a Contracts section").isPositive();
    List<String> rows = new ArrayList<>();
    for (String line : readme.substring(start).split("\n")) {
      if (line.startsWith("| `fx.")) {
        rows.add(line);
      } else if (!rows.isEmpty() && !line.startsWith("|")) {
        break;
      }
    }
    List<String> expected =
        Arrays.stream(ContractTopic.values())
            .map(
                t ->
                    "| `"
                        + t.topic()
                        + "` | "
                        + (t.key().startsWith("{") ? "`" + t.key() + "`" : t.key())
                        + " | `"
                        + t.value().getSimpleName()
                        + "` | "
                        + t.cleanup()
                        + " |")
            .toList();
    assertThat(rows).containsExactlyElementsOf(expected);
  }

  @Test
  void topicsAreCreatedAsTheCatalogueSays() {
    List<NewTopic> topics = ContractTopic.all(new TopicLayout(4, (short) 3));
    assertThat(topics)
        .extracting(NewTopic::name)
        .containsExactly(
            TopicNames.BRONZE,
            TopicNames.OBSERVATIONS,
            TopicNames.RATES,
            TopicNames.REJECTED,
            TopicNames.GOLD,
            TopicNames.QUOTA);
    assertThat(topics.get(0).configs())
        .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1")
        .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete");
    assertThat(topics.get(4).configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
    assertThat(topics)
        .filteredOn(t -> t.name().equals(TopicNames.QUOTA))
        .singleElement()
        .satisfies(t -> assertThat(t.numPartitions()).isEqualTo(1));
    assertThat(topics)
        .filteredOn(t -> !t.name().equals(TopicNames.QUOTA))
        .allSatisfy(t -> assertThat(t.numPartitions()).isEqualTo(4))
        .allSatisfy(t -> assertThat(t.replicationFactor()).isEqualTo((short) 3));
  }
}
