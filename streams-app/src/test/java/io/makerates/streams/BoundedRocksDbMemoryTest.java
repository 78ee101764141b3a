package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbMemoryTest {

  @Test
  void theAppsStoresShareOneBudgetFromTheEnvironment() {
    Properties props = StreamsApp.streamsProperties(new Settings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
        "MAKERATES_ROCKSDB_MEMORY_MB", "32")));
    assertThat(props).containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName())
        .containsEntry(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, Long.toString(32L << 20));
    assertThat(StreamsApp.streamsProperties(new Settings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092"))))
        .containsEntry(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, Long.toString(BoundedRocksDbMemory.DEFAULT_MEMORY_BYTES));
    assertThatThrownBy(() -> StreamsApp.streamsProperties(new Settings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
        "MAKERATES_ROCKSDB_MEMORY_MB", "2"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("MAKERATES_ROCKSDB_MEMORY_MB");
  }

  @Test
  void aStoreGetsSmallMemtablesCountedAgainstTheSharedCache() {
    RocksDB.loadLibrary();
    try (Options options = new Options()) {
      options.setTableFormatConfig(new BlockBasedTableConfig());
      long defaultWriteBuffer = options.writeBufferSize();
      new BoundedRocksDbMemory().setConfig("consensus-day-store", options,
          Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, Long.toString(64L << 20)));
      assertThat(options.maxWriteBufferNumber()).isEqualTo(2);
      assertThat(options.writeBufferSize()).isEqualTo(4L << 20).isLessThan(defaultWriteBuffer + 1);
      assertThat(BoundedRocksDbMemory.budget()).isPositive();
      assertThat(((BlockBasedTableConfig) options.tableFormatConfig()).cacheIndexAndFilterBlocks()).isTrue();
    }
  }
}
