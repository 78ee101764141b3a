package io.makerates.runtime.kafka;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

/**
 * Apicurio's default datum provider, with its writers and readers kept per schema instance: the
 * default looks its caches up by a key that hashes (writers) or fingerprints (readers, Avro's
 * parsing form rebuilt every time) the whole schema on every record, which was the largest single
 * cost of writing silver rates and of the sink's decoding. Specific records hand out one static
 * schema instance per class, and the registry client hands out one parsed schema per id, so
 * identity is the right key; should some caller pass a new instance every time, the caches stop
 * growing at {@value #MAX_INSTANCES} and the default's own cache takes over.
 */
public final class CachingAvroDatumProvider<T> extends DefaultAvroDatumProvider<T> {

  static final int MAX_INSTANCES = 64;

  private final Map<Schema, DatumWriter<T>> writers = new IdentityHashMap<>();
  private final Map<Schema, DatumReader<T>> readers = new IdentityHashMap<>();

  @Override
  public synchronized DatumWriter<T> createDatumWriter(T data, Schema schema) {
    DatumWriter<T> writer = writers.get(schema);
    if (writer == null) {
      writer = super.createDatumWriter(data, schema);
      if (writers.size() < MAX_INSTANCES) {
        writers.put(schema, writer);
      }
    }
    return writer;
  }

  @Override
  public synchronized DatumReader<T> createDatumReader(Schema schema) {
    DatumReader<T> reader = readers.get(schema);
    if (reader == null) {
      reader = super.createDatumReader(schema);
      if (readers.size() < MAX_INSTANCES) {
        readers.put(schema, reader);
      }
    }
    return reader;
  }

  synchronized int cachedReaders() {
    return readers.size();
  }
}
