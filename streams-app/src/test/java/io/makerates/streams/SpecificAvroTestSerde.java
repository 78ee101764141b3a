package io.makerates.streams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary without a registry: lets TopologyTestDriver run the real topology with real
 * Avro encoding.
 */
final class SpecificAvroTestSerde<T extends SpecificRecord> implements Serde<T> {

  private final SpecificDatumWriter<T> writer;
  private final SpecificDatumReader<T> reader;

  SpecificAvroTestSerde(Class<T> type) {
    SpecificData model = SpecificData.getForClass(type);
    Schema schema = model.getSchema(type);
    this.writer = new SpecificDatumWriter<>(schema, model);
    this.reader = new SpecificDatumReader<>(schema, schema, model);
  }

  static RatesSerdes ratesSerdes() {
    return RatesSerdes.with(
        new RatesSerdes.AvroSerdeFactory() {
          @Override
          public <R extends SpecificRecord> Serde<R> serde(Class<R> type) {
            return new SpecificAvroTestSerde<>(type);
          }
        });
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
