package io.makerates.streams;

import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.RateObservations;
import io.makerates.schema.Rejection;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The real topology in a TopologyTestDriver, with registry-free Avro serdes. */
final class TopologyHarness implements AutoCloseable {

  final TopologyTestDriver driver;
  final String applicationId = "test-" + UUID.randomUUID();
  final TestInputTopic<String, BronzeExtraction> bronze;
  final TestInputTopic<String, RateObservations> observationsIn;
  final TestOutputTopic<String, RateObservations> observations;
  final TestOutputTopic<String, ConsensusRate> rates;
  final TestOutputTopic<String, Rejection> rejected;

  /** EUR pivot rates only: most tests look at one pair at a time. */
  static final RatesSettings PIVOT_ONLY =
      new RatesSettings(
          ValidationSettings.defaults(),
          ConsensusSettings.defaults(),
          IndependenceGroups.defaults(),
          java.util.List.of());

  TopologyHarness(Path stateDir) {
    this(stateDir, PIVOT_ONLY);
  }

  TopologyHarness(Path stateDir, RatesSettings settings) {
    RatesSerdes serdes = SpecificAvroTestSerde.ratesSerdes();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(RatesTopology.build(serdes, settings), props);
    bronze =
        driver.createInputTopic(
            serdes.bronze().name(),
            serdes.bronze().keySerde().serializer(),
            serdes.bronze().valueSerde().serializer());
    observationsIn =
        driver.createInputTopic(
            serdes.observations().name(),
            serdes.observations().keySerde().serializer(),
            serdes.observations().valueSerde().serializer());
    observations =
        driver.createOutputTopic(
            serdes.observations().name(),
            serdes.observations().keySerde().deserializer(),
            serdes.observations().valueSerde().deserializer());
    rates =
        driver.createOutputTopic(
            serdes.rates().name(),
            serdes.rates().keySerde().deserializer(),
            serdes.rates().valueSerde().deserializer());
    rejected =
        driver.createOutputTopic(
            serdes.rejected().name(),
            serdes.rejected().keySerde().deserializer(),
            serdes.rejected().valueSerde().deserializer());
  }

  void pipe(BronzeExtraction record) {
    bronze.pipeInput(record.getSourceId(), record, record.getExtractedAt());
  }

  /**
   * The sum over tasks of one of the pipeline's own metrics, selected by a tag (or every one when
   * tagKey is null).
   */
  double metric(String name, String tagKey, String tagValue) {
    return driver.metrics().entrySet().stream()
        .filter(
            e -> e.getKey().group().equals(RatesMetrics.GROUP) && e.getKey().name().equals(name))
        .filter(e -> tagKey == null || tagValue.equals(e.getKey().tags().get(tagKey)))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
        .sum();
  }

  List<KeyValue<String, ConsensusRate>> rates() {
    return rates.readKeyValuesToList();
  }

  @Override
  public void close() {
    driver.close();
  }
}
