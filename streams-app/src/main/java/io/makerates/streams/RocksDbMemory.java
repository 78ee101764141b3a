package io.makerates.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for all of the app's RocksDB stores. By default each store of each task opens
 * its own 50 MB block cache and up to three 16 MB memtables: three stores on four partitions could
 * take over 1 GB outside the heap, and a replay reached 515 MB resident while its heap was 224 MB.
 * Here every store shares one block cache, its memtables are charged to the same cache, and index
 * and filter blocks live in it too, so the total stays within {@code stream.rocksdb.memory}
 * (MAKERATES_STREAM_ROCKSDB_MEMORY, in MiB). The stores hold a few days of answers and consensus
 * state per partition: reads hit recent keys, which a small cache keeps.
 */
public final class RocksDbMemory implements RocksDBConfigSetter {

  /** The Streams configuration key that carries the budget in bytes to the stores. */
  public static final String BUDGET_CONFIG = "makerates.rocksdb.memory.bytes";

  static final int DEFAULT_MIB = 32;

  private static final long MEMTABLE_BYTES = 4L << 20;

  // shared by every store of the process; sized once, by the first store that opens
  private static Cache cache;
  private static WriteBufferManager writeBuffers;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    long budget = budget(configs);
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(sharedCache(budget));
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setTableFormatConfig(table);
    options.setWriteBufferManager(writeBuffers);
    options.setWriteBufferSize(MEMTABLE_BYTES);
    options.setMaxWriteBufferNumber(2);
  }

  @Override
  public void close(String storeName, Options options) {
    // the cache and the write buffer manager outlive each store: they are the process's
  }

  private static synchronized Cache sharedCache(long budget) {
    if (cache == null) {
      // a tenth of the budget kept for index and filter blocks; memtables are charged to the
      // cache up to half of it
      cache = new LRUCache(budget, -1, false, 0.1);
      writeBuffers = new WriteBufferManager(budget / 2, cache);
    }
    return cache;
  }

  private static long budget(Map<String, Object> configs) {
    Object value = configs.get(BUDGET_CONFIG);
    return value == null ? (long) DEFAULT_MIB << 20 : Long.parseLong(value.toString());
  }
}
