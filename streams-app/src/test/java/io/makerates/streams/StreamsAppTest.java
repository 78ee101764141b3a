package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import io.makerates.streams.history.HistorySettings;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsAppTest {

  @Test
  void streamsRunExactlyOnceWithTheConfiguredIdentityAndPassKafkaSettingsThrough() {
    Properties props =
        StreamsApp.streamsProperties(
            new Settings(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                    "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                    "MAKERATES_APPLICATION_ID", "rates-blue",
                    "MAKERATES_STATE_DIR", "/var/lib/streams",
                    "MAKERATES_COMMIT_INTERVAL", "250ms",
                    "MAKERATES_TOPIC_REPLICATION", "3",
                    "MAKERATES_STREAM_STANDBY_REPLICAS", "1")));

    assertThat(props)
        .containsEntry("bootstrap.servers", "broker:9092")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "rates-blue")
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/streams")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "250")
        .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
        .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
        .containsEntry(
            StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "fx.streams.dlq.v1");
    // The whole set must be a valid Streams configuration.
    assertThat(new StreamsConfig(props).getString(StreamsConfig.APPLICATION_ID_CONFIG))
        .isEqualTo("rates-blue");
  }

  @Test
  void defaultsAreLowLatencyAndSingleReplica() {
    Properties props =
        StreamsApp.streamsProperties(
            new Settings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092")));
    assertThat(props)
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "makerates-streams")
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "25")
        .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1)
        .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
  }

  @Test
  void everyRocksDbStoreSharesOneMemoryBudgetFromTheEnvironment() {
    Properties props =
        StreamsApp.streamsProperties(
            new Settings(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                    "MAKERATES_STREAM_ROCKSDB_MEMORY", "64")));
    assertThat(props)
        .containsEntry(
            StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbMemory.class.getName())
        .containsEntry(RocksDbMemory.BUDGET_CONFIG, Long.toString(64L << 20));
    assertThatThrownBy(
            () ->
                StreamsApp.streamsProperties(
                    new Settings(
                        Map.of(
                            "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                            "MAKERATES_STREAM_ROCKSDB_MEMORY", "2"))))
        .hasMessageContaining("MAKERATES_STREAM_ROCKSDB_MEMORY");

    // a store's options: small memtables, charged to the shared cache
    try (org.rocksdb.Options options = new org.rocksdb.Options()) {
      options.setTableFormatConfig(new org.rocksdb.BlockBasedTableConfig());
      new RocksDbMemory()
          .setConfig(
              "consensus-days",
              options,
              Map.copyOf(
                  props.entrySet().stream()
                      .collect(
                          java.util.stream.Collectors.toMap(
                              e -> e.getKey().toString(), e -> e.getValue()))));
      assertThat(options.writeBufferSize()).isEqualTo(4L << 20);
      assertThat(options.maxWriteBufferNumber()).isEqualTo(2);
      assertThat(
              ((org.rocksdb.BlockBasedTableConfig) options.tableFormatConfig())
                  .cacheIndexAndFilterBlocks())
          .isTrue();
    }
  }

  @Test
  void missingBootstrapServersIsAConfigurationError() {
    assertThatThrownBy(() -> StreamsApp.streamsProperties(new Settings(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void consensusSettingsAndGroupsComeFromTheEnvironment() {
    Settings settings =
        new Settings(
            Map.of(
                "MAKERATES_CONSENSUS_MIN_SOURCES",
                "3",
                "MAKERATES_CONSENSUS_TOLERANCE_BPS",
                "75.5",
                "MAKERATES_INDEPENDENCE_GROUPS",
                "frankfurter=ECB,fed=FRB"));
    ConsensusSettings consensus = ConsensusSettings.from(settings);
    assertThat(consensus.minSources()).isEqualTo(3);
    assertThat(consensus.toleranceBps()).isEqualByComparingTo("75.5");
    assertThat(consensus.floorBps()).isEqualByComparingTo(new BigDecimal("300"));
    IndependenceGroups groups = IndependenceGroups.from(settings);
    assertThat(groups.groupOf("fed")).isEqualTo("FRB");
    assertThat(groups.groupOf("unlisted")).isEqualTo("unlisted");
    assertThatThrownBy(
            () -> ConsensusSettings.from(new Settings(Map.of("MAKERATES_CONSENSUS_K", "ten"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MAKERATES_CONSENSUS_K");
  }

  @Test
  void thePegSlackComesFromTheEnvironmentAndIsPartOfTheRules() {
    assertThat(HistorySettings.defaults().pegSlackBps()).isEqualByComparingTo("200");
    HistorySettings narrow =
        HistorySettings.from(new Settings(Map.of("MAKERATES_HISTORY_PEG_SLACK_BPS", "50")));
    assertThat(narrow.pegSlackBps()).isEqualByComparingTo("50");
    assertThat(
            HistorySettings.from(new Settings(Map.of("MAKERATES_HISTORY_PEG_SLACK_BPS", "0")))
                .pegSlackBps())
        .isZero();
    assertThatThrownBy(
            () ->
                HistorySettings.from(new Settings(Map.of("MAKERATES_HISTORY_PEG_SLACK_BPS", "-1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MAKERATES_HISTORY_PEG_SLACK_BPS");
    // a replay under another slack decides the days again
    ConsensusSettings consensus = ConsensusSettings.defaults();
    assertThat(Fingerprints.rules(consensus, List.of("USD"), narrow))
        .isNotEqualTo(Fingerprints.rules(consensus, List.of("USD"), HistorySettings.defaults()));
  }
}
