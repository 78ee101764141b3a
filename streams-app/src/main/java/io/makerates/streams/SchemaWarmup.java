package io.makerates.streams;

import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.RateObservations;
import io.makerates.schema.Rejection;
import io.makerates.schema.internal.ConsensusDayState;
import io.makerates.schema.internal.SourceDayAnswers;
import io.makerates.schema.internal.SourceHistoryDay;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves, while the app starts and before it reports ready, the schema of every Avro type the
 * topology reads, writes or keeps in a store, each through the very serde the topology uses and
 * under the topic it uses it for: a sample record is written and read back. Without it the first
 * answer after a start waited for seven registry lookups, each with its client's first connection,
 * and for the classes they load (1.5 to 1.8 s to silver, where a running app takes about 130 ms).
 * Only a speed-up: a type it could not resolve is resolved at its first record, as before.
 */
final class SchemaWarmup {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaWarmup.class);

  private SchemaWarmup() {}

  /**
   * Warms every serde of {@code serdes}, the stores' under their changelog topics.
   *
   * @return the topics whose type went through its serde both ways, in the order tried
   */
  static List<String> warm(RatesSerdes serdes, String applicationId) {
    long started = System.nanoTime();
    List<String> warmed = new ArrayList<>();
    warm(
        warmed,
        serdes.bronze().name(),
        serdes.bronze().valueSerde(),
        BronzeExtraction.getClassSchema());
    warm(
        warmed,
        serdes.observations().name(),
        serdes.observations().valueSerde(),
        RateObservations.getClassSchema());
    warm(
        warmed, serdes.rates().name(), serdes.rates().valueSerde(), ConsensusRate.getClassSchema());
    warm(
        warmed,
        serdes.rejected().name(),
        serdes.rejected().valueSerde(),
        Rejection.getClassSchema());
    warm(
        warmed,
        changelog(applicationId, RatesTopology.CONSENSUS_STORE),
        serdes.dayState(),
        ConsensusDayState.getClassSchema());
    warm(
        warmed,
        changelog(applicationId, RatesTopology.HISTORY_STORE),
        serdes.sourceHistory(),
        SourceHistoryDay.getClassSchema());
    warm(
        warmed,
        changelog(applicationId, RatesTopology.ANSWERS_STORE),
        serdes.sourceAnswers(),
        SourceDayAnswers.getClassSchema());
    LOG.info(
        "{} of 7 schemas resolved ahead of the first record, in {} ms",
        warmed.size(),
        (System.nanoTime() - started) / 1_000_000);
    return warmed;
  }

  /** The topic Kafka Streams names a store's changelog, under which its values are serialized. */
  static String changelog(String applicationId, String store) {
    return applicationId + "-" + store + "-changelog";
  }

  /** Adds {@code topic} to {@code warmed} when a sample went through the serde both ways. */
  private static <T> void warm(List<String> warmed, String topic, Serde<T> serde, Schema schema) {
    try {
      byte[] bytes = serde.serializer().serialize(topic, sample(schema));
      if (serde.deserializer().deserialize(topic, bytes) != null) {
        warmed.add(topic);
      }
    } catch (RuntimeException e) {
      LOG.debug("schema of {} not resolved ahead: {}", topic, e.toString());
    }
  }

  /**
   * The smallest record of the schema's class: zeros, empty strings and collections, the first enum
   * symbol, NULL where allowed. It is built generic and its bytes read back as the class, which
   * applies the class's conversions (uuid, timestamps, decimals).
   */
  static <T> T sample(Schema schema) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<>(schema, GenericData.get()).write(minimal(schema), encoder);
      encoder.flush();
      return new SpecificDatumReader<T>(schema, schema, SpecificData.getForSchema(schema))
          .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object minimal(Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> {
        GenericData.Record record = new GenericData.Record(schema);
        schema.getFields().forEach(f -> record.put(f.pos(), minimal(f.schema())));
        yield record;
      }
      case UNION -> minimal(schema.getTypes().getFirst());
      case ARRAY -> List.of();
      case MAP -> Map.of();
      case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().getFirst());
      case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
      case STRING ->
          schema.getLogicalType() != null && "uuid".equals(schema.getLogicalType().getName())
              ? new UUID(0, 0).toString()
              : "";
      case BYTES -> ByteBuffer.wrap(new byte[1]); // a decimal of zero
      case INT -> 0;
      case LONG -> 0L;
      case FLOAT -> 0f;
      case DOUBLE -> 0d;
      case BOOLEAN -> false;
      case NULL -> null;
    };
  }
}
