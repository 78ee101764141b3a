package io.makerates.runtime.kafka;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;

/**
 * Apicurio's default datum provider, with its writers kept per schema instance: the default looks its cache up by a
 * key that hashes the whole schema on every record, which was the largest single cost of writing silver rates.
 * Specific records hand out one static schema instance per class, so identity is the right key.
 */
public final class CachingAvroDatumProvider<T> extends DefaultAvroDatumProvider<T> {

  private final Map<Schema, DatumWriter<T>> writers = new IdentityHashMap<>();

  @Override
  public synchronized DatumWriter<T> createDatumWriter(T data, Schema schema) {
    return writers.computeIfAbsent(schema, s -> super.createDatumWriter(data, s));
  }
}
