package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.runtime.config.Settings;
import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the app's own Streams configuration, a record that breaks a processor goes to the
 * dead-letter topic (KIP-1034) with the exception in its headers, and the records after it are
 * still processed.
 */
class DeadLetterTopologyTest {

  @TempDir Path stateDir;

  @Test
  void aRecordThatCannotBeProcessedGoesToTheDeadLetterTopicAndProcessingGoesOn() {
    Properties props =
        StreamsApp.streamsProperties(
            new Settings(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS",
                    "unused:9092",
                    "MAKERATES_REGISTRY_URL",
                    "http://unused:8080/apis/registry/v3",
                    "MAKERATES_STATE_DIR",
                    stateDir.toString())));
    RatesSerdes serdes = SpecificAvroTestSerde.ratesSerdes();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(RatesTopology.build(serdes, TopologyHarness.PIVOT_ONLY), props)) {
      TestInputTopic<String, RateObservations> observations =
          driver.createInputTopic(
              serdes.observations().name(),
              serdes.observations().keySerde().serializer(),
              serdes.observations().valueSerde().serializer());
      TestOutputTopic<byte[], byte[]> deadLetters =
          driver.createOutputTopic(
              StreamsApp.DEAD_LETTER_TOPIC,
              new ByteArrayDeserializer(),
              new ByteArrayDeserializer());
      TestOutputTopic<String, io.makerates.schema.ConsensusRate> rates =
          driver.createOutputTopic(
              serdes.rates().name(),
              serdes.rates().keySerde().deserializer(),
              serdes.rates().valueSerde().deserializer());

      // the validator never lets such a rate through; written straight to the topic it breaks the
      // consensus step
      observations.pipeInput("2026-09-25/rogue", observation("rogue", "not-a-number"));
      observations.pipeInput("2026-09-25/frankfurter", observation("frankfurter", "1.1702"));

      var dead = deadLetters.readRecordsToList();
      assertThat(dead)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(new String(r.key(), StandardCharsets.UTF_8))
                    .isEqualTo("2026-09-25/rogue");
                assertThat(
                        new String(
                            r.headers().lastHeader("__streams.errors.exception").value(),
                            StandardCharsets.UTF_8))
                    .contains("NumberFormatException");
              });
      assertThat(rates.readValuesToList())
          .singleElement()
          .satisfies(r -> assertThat(r.getRate()).isEqualTo("1.1702"));
    }
  }

  private static RateObservations observation(String source, String usd) {
    return RateObservations.newBuilder()
        .setDate(LocalDate.parse("2026-09-25"))
        .setSourceId(source)
        .setIndependenceGroup(source.toUpperCase())
        .setExtractionId(UUID.nameUUIDFromBytes(source.getBytes(StandardCharsets.UTF_8)))
        .setExtractedAt(Instant.parse("2026-09-25T15:30:00Z"))
        .setBronze(new BronzeCoordinates("fx.bronze.extractions.v1", 0, 0L))
        .setProviderBase("EUR")
        .setRates(List.of(new Observation("USD", usd, usd, null)))
        .build();
  }
}
