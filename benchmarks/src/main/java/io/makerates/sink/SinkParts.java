package io.makerates.sink;

import io.makerates.schema.ConsensusRate;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The sink's own per-record and per-batch code, opened to the benchmark so that each part can be
 * timed alone: the record check (Avro decoding included) and the star-schema writer. It lives in
 * the sink's package because those classes are package-private; it compiles against them, so a
 * change to their shape breaks this module's build rather than silently measuring something else.
 */
public final class SinkParts {

  private SinkParts() {}

  /** Runs the sink's Flyway migrations. */
  public static void migrate(DataSource dataSource) {
    StarSchema.migrate(dataSource);
  }

  /** The sink's staging table for fact rows, created per transaction as the sink creates it. */
  public static String createStageRate() {
    return RevisionSql.CREATE_STAGE_RATE;
  }

  /** The sink's upsert from {@code stage_rate} into {@code fact_rate}. */
  public static String upsertFact() {
    return RevisionSql.UPSERT_FACT;
  }

  /** dim_date's key of a date, as the sink stages it. */
  public static int dateKey(java.time.LocalDate date) {
    return StarSchemaWriter.dateKey(date);
  }

  /** Rates ready for the writer, as the sink holds them after checking a poll batch. */
  public static final class Batch {
    private final List<SilverRate> rates;

    private Batch(List<SilverRate> rates) {
      this.rates = rates;
    }

    public int size() {
      return rates.size();
    }
  }

  /** The sink's record check with the real deserializer: bytes in, checked rates out. */
  public static final class Decoder {
    private final SilverRecordCheck check;
    private int rejected;

    public Decoder(Deserializer<ConsensusRate> deserializer, Set<String> knownCurrencies) {
      this.check = new SilverRecordCheck(deserializer, knownCurrencies::contains);
    }

    public Batch decode(Iterable<ConsumerRecord<String, byte[]>> records) {
      List<SilverRate> rates = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> record : records) {
        if (check.check(record) instanceof SilverRecordCheck.Accepted a) {
          rates.add(a.rate());
        } else {
          rejected++;
        }
      }
      return new Batch(rates);
    }

    public int rejected() {
      return rejected;
    }
  }

  /** The sink's writer, fed without Kafka. */
  public static final class Store {
    private final StarSchemaWriter writer;
    private final Decoder objects;
    private ConsensusRate next;

    public Store(DataSource dataSource, String consumerGroup, Set<String> knownCurrencies) {
      this.writer = new StarSchemaWriter(dataSource, consumerGroup);
      // the same mapping as the sink, from objects instead of bytes (decoding is timed separately)
      Deserializer<ConsensusRate> handOver = (topic, bytes) -> next;
      this.objects = new Decoder(handOver, knownCurrencies);
    }

    /** Maps rates the way the sink's check does; not part of what the benchmark times. */
    public Batch prepare(List<ConsensusRate> rates) {
      List<SilverRate> mapped = new ArrayList<>(rates.size());
      for (ConsensusRate rate : rates) {
        next = rate;
        Batch one =
            objects.decode(List.of(new ConsumerRecord<>("bench", 0, 0L, null, new byte[0])));
        mapped.addAll(one.rates);
      }
      if (mapped.size() != rates.size()) {
        throw new IllegalStateException(
            (rates.size() - mapped.size()) + " rates did not pass the sink's check");
      }
      return new Batch(mapped);
    }

    /** One transaction: rows plus the position, exactly as the sink writes a poll batch. */
    public void write(Batch batch, Map<TopicPartition, Long> nextOffsets) throws SQLException {
      writer.write(batch.rates, nextOffsets);
    }
  }
}
