package io.makerates.sink;

import io.makerates.schema.GoldRate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads a Debezium change event of latest_rate as the gold record for its pair: the after-image for
 * a snapshot read, insert or update; a tombstone (null value) when the pair was deleted, so
 * compaction forgets it.
 */
final class GoldRateMapping {

  /** A gold record to publish; {@code value} is null for a deleted pair. */
  record GoldRecord(String key, GoldRate value) {}

  private GoldRateMapping() {}

  /**
   * Null when the event is not a row change of latest_rate (heartbeats, schema changes, Debezium
   * tombstones).
   */
  static GoldRecord map(SourceRecord record) {
    if (!(record.value() instanceof Struct envelope) || envelope.schema().field("op") == null) {
      return null;
    }
    String op = envelope.getString("op");
    if ("d".equals(op)) {
      Struct before = envelope.getStruct("before");
      return new GoldRecord(key(before), null);
    }
    Struct after = envelope.getStruct("after");
    if (after == null) {
      return null;
    }
    String spread = after.getString("spread_bps");
    GoldRate gold =
        GoldRate.newBuilder()
            .setBase(after.getString("base"))
            .setQuote(after.getString("quote"))
            // DATE arrives as io.debezium.time.Date: days since the epoch
            .setDate(LocalDate.ofEpochDay(((Number) after.get("rate_date")).longValue()))
            .setRate(plain(after.getString("rate")))
            .setStatus(after.getString("status"))
            .setDerived(Boolean.TRUE.equals(after.getBoolean("derived")))
            .setSourceCount(after.getInt32("source_count"))
            .setSpreadBps(spread == null ? null : plain(spread))
            .setRevision(after.getInt32("revision"))
            // text[] arrives as an ARRAY of strings
            .setFlags(
                after.schema().field("flags") == null || after.getArray("flags") == null
                    ? java.util.List.of()
                    : after.<String>getArray("flags").stream().map(String::valueOf).toList())
            // timestamptz arrives as io.debezium.time.ZonedTimestamp, an ISO-8601 string
            .setUpdatedAt(OffsetDateTime.parse(after.getString("updated_at")).toInstant())
            .build();
    return new GoldRecord(key(after), gold);
  }

  private static String key(Struct row) {
    return row.getString("base").trim() + "/" + row.getString("quote").trim();
  }

  /** Decimal strings never in scientific notation, whatever the connector's formatting. */
  private static String plain(String decimal) {
    return new BigDecimal(decimal).toPlainString();
  }
}
