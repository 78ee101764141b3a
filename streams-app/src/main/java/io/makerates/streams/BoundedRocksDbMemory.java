package io.makerates.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the process: a shared block cache that also accounts for the memtables,
 * as Kafka Streams' memory-management guide describes. Left to its defaults, each store instance (one per partition of
 * the consensus) takes a 50 MB block cache and up to three 16 MB memtables of its own, which made a 25-year replay
 * reach 515 MB resident against a 224 MB heap. The budget ({@link #MEMORY_BYTES_CONFIG}) is fixed by the first store
 * that opens: the cache is shared, so it is never closed with a store.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

  /** The streams property that carries the budget in bytes, memtables included. */
  public static final String MEMORY_BYTES_CONFIG = "makerates.rocksdb.memory.bytes";
  static final long DEFAULT_MEMORY_BYTES = 64L << 20;
  // a quarter for the memtables, whose flushes then come early and small rather than late and large
  private static final double MEMTABLE_SHARE = 0.25;
  private static final double INDEX_AND_FILTER_SHARE = 0.1;

  private static Cache cache;
  private static WriteBufferManager writeBuffers;
  private static long budget;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    Object configured = configs.get(MEMORY_BYTES_CONFIG);
    long bytes = configured == null ? DEFAULT_MEMORY_BYTES : Long.parseLong(configured.toString());
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(sharedCache(bytes));
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(writeBuffers);
    options.setMaxWriteBufferNumber(2);
    options.setWriteBufferSize(Math.max(1L << 20, (long) (bytes * MEMTABLE_SHARE) / 4));
    options.setTableFormatConfig(table);
  }

  private static synchronized Cache sharedCache(long bytes) {
    if (cache == null) {
      budget = bytes;
      cache = new LRUCache(bytes, -1, false, INDEX_AND_FILTER_SHARE);
      writeBuffers = new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache);
    }
    return cache;
  }

  /** The budget in force, once a store has opened; 0 before. */
  static synchronized long budget() {
    return budget;
  }

  @Override
  public void close(String storeName, Options options) {
    // the cache and the write buffer manager are shared by every store of the process: they live as long as it does
  }
}
