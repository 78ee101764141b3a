package io.makerates.runtime.kafka;

import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.GoldRate;
import io.makerates.schema.QuotaUsage;
import io.makerates.schema.RateObservations;
import io.makerates.schema.Rejection;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topic catalogue: every topic of the contract with its key, its value schema, its cleanup, its
 * partitions and the apps that write and read it. Any app creates the missing ones at start
 * (whichever starts first, all the same way, see {@link TopicLayout}); the README's contract table
 * is checked against this list by a test.
 */
public enum ContractTopic {
  BRONZE(
      TopicNames.BRONZE,
      "source id",
      BronzeExtraction.class,
      "delete, infinite retention",
      false,
      "extractor-app",
      "streams-app"),
  OBSERVATIONS(
      TopicNames.OBSERVATIONS,
      "{date}/{source}",
      RateObservations.class,
      "delete",
      false,
      "streams-app",
      "streams-app"),
  RATES(
      TopicNames.RATES,
      "{date}/{base}/{quote}",
      ConsensusRate.class,
      "delete",
      false,
      "streams-app",
      "sink-app"),
  REJECTED(
      TopicNames.REJECTED,
      "as the input",
      Rejection.class,
      "delete",
      false,
      "streams-app, sink-app",
      "operators (bin/makerates status)"),
  GOLD(
      TopicNames.GOLD,
      "{base}/{quote}",
      GoldRate.class,
      "compact",
      false,
      "sink-app",
      "downstream services"),
  QUOTA(
      TopicNames.QUOTA,
      "{source}/{period}",
      QuotaUsage.class,
      "compact",
      true,
      "extractor-app",
      "extractor-app");

  private final String topic;
  private final String key;
  private final Class<? extends SpecificRecord> value;
  private final String cleanup;
  private final boolean onePartition;
  private final String writers;
  private final String readers;

  ContractTopic(
      String topic,
      String key,
      Class<? extends SpecificRecord> value,
      String cleanup,
      boolean onePartition,
      String writers,
      String readers) {
    this.topic = topic;
    this.key = key;
    this.value = value;
    this.cleanup = cleanup;
    this.onePartition = onePartition;
    this.writers = writers;
    this.readers = readers;
  }

  public String topic() {
    return topic;
  }

  /** The key's shape, as the README's contract table writes it. */
  public String key() {
    return key;
  }

  public Class<? extends SpecificRecord> value() {
    return value;
  }

  /** The cleanup, as the README's contract table writes it. */
  public String cleanup() {
    return cleanup;
  }

  public String writers() {
    return writers;
  }

  public String readers() {
    return readers;
  }

  /**
   * The topic as an app creates it when missing: the layout's partitions (one for the quota ledger,
   * which a restarting extractor reads back whole), bronze kept forever (it is the audit record and
   * what a replay reads), gold and the quota ledger compacted (the newest record per key is what
   * counts).
   */
  public NewTopic newTopic(TopicLayout layout) {
    Map<String, String> configs =
        switch (cleanup) {
          case "compact" ->
              Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
          case "delete, infinite retention" ->
              Map.of(
                  TopicConfig.CLEANUP_POLICY_CONFIG,
                  TopicConfig.CLEANUP_POLICY_DELETE,
                  TopicConfig.RETENTION_MS_CONFIG,
                  "-1",
                  TopicConfig.RETENTION_BYTES_CONFIG,
                  "-1");
          default -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        };
    return new NewTopic(topic, onePartition ? 1 : layout.partitions(), layout.replication())
        .configs(configs);
  }

  /** Every topic of the contract, as created when missing. */
  public static List<NewTopic> all(TopicLayout layout) {
    return java.util.Arrays.stream(values()).map(t -> t.newTopic(layout)).toList();
  }
}
