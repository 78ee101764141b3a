package io.makerates.runtime.kafka;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Avro serdes backed by the Apicurio registry, writing the Confluent wire format: magic byte 0 and the 4-byte
 * content id in the payload, no headers, so consumers using Confluent's deserializer read our topics through
 * Apicurio's ccompat API. Schemas register under {@code <topic>-value}, as Confluent's TopicNameStrategy does.
 */
public final class AvroSerdes {

  private final Map<String, Object> config;

  public AvroSerdes(String registryUrl) {
    this(registryUrl, Map.of());
  }

  public AvroSerdes(String registryUrl, Map<String, ?> extra) {
    Map<String, Object> c = new HashMap<>();
    c.put(SchemaResolverConfig.REGISTRY_URL, registryUrl);
    c.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true);
    c.put(SerdeConfig.USE_ID, "contentId");
    c.put(SerdeConfig.ID_HANDLER, "io.apicurio.registry.serde.Default4ByteIdHandler");
    c.put("apicurio.registry.headers.enabled", false);
    c.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
    // the JDK HttpClient instead of a shared Vert.x instance: lookups were seen to hang in Vert.x when several
    // serdes of one JVM (the local run, the tests) were opened and closed
    c.put("apicurio.registry.http.adapter", "JDK");
    c.putAll(extra);
    this.config = Map.copyOf(c);
  }

  public <T extends SpecificRecord> Serde<T> valueSerde() {
    return serde(false);
  }

  public Map<String, Object> config() {
    return config;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <T extends SpecificRecord> Serde<T> serde(boolean isKey) {
    AvroKafkaSerializer serializer = new AvroKafkaSerializer<>();
    AvroKafkaDeserializer deserializer = new AvroKafkaDeserializer<>();
    serializer.configure(config, isKey);
    deserializer.configure(config, isKey);
    return (Serde<T>) Serdes.serdeFrom(serializer, deserializer);
  }
}
