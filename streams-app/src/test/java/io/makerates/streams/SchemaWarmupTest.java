package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.runtime.kafka.TopicNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up resolves every type the topology uses under the topic it uses it for: a sample of
 * each of the seven Avro types goes through a real Avro serde both ways, and the stores' topics are
 * the changelogs Kafka Streams itself writes.
 */
class SchemaWarmupTest {

  @Test
  void everyTypeGoesThroughItsSerdeUnderItsTopic(@TempDir Path stateDir) {
    try (TopologyHarness harness = new TopologyHarness(stateDir)) {
      List<String> warmed =
          SchemaWarmup.warm(SpecificAvroTestSerde.ratesSerdes(), harness.applicationId);

      assertThat(warmed)
          .containsExactly(
              TopicNames.BRONZE,
              TopicNames.OBSERVATIONS,
              TopicNames.RATES,
              TopicNames.REJECTED,
              SchemaWarmup.changelog(harness.applicationId, RatesTopology.CONSENSUS_STORE),
              SchemaWarmup.changelog(harness.applicationId, RatesTopology.HISTORY_STORE),
              SchemaWarmup.changelog(harness.applicationId, RatesTopology.ANSWERS_STORE));

      // one answer through the topology writes every store's changelog: the same topics
      harness.pipe(Bronzes.answer("frankfurter", Bronzes.fixture("frankfurter-latest-eur.json")));
      Set<String> changelogs =
          harness.driver.producedTopicNames().stream()
              .filter(topic -> topic.endsWith("-changelog"))
              .collect(Collectors.toSet());
      assertThat(changelogs).containsExactlyInAnyOrderElementsOf(warmed.subList(4, 7));
    }
  }
}
