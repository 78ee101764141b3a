package io.makerates.runtime.kafka;

import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryClientFacadeImpl;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.kiota.http.jdk.JDKRequestAdapter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Avro serdes backed by the Apicurio registry, writing the Confluent wire format: magic byte 0 and
 * the 4-byte content id in the payload, no headers, so consumers using Confluent's deserializer
 * read our topics through Apicurio's ccompat API. Schemas register under {@code <topic>-value}, as
 * Confluent's TopicNameStrategy does.
 */
public final class AvroSerdes {

  /**
   * Longest wait for one registry answer (config key {@value #DEADLINE_MS}); the serde retries a
   * lookup that timed out.
   */
  public static final String DEADLINE_MS = "makerates.registry.deadline.ms";

  static final long DEFAULT_DEADLINE_MS = 10_000;

  private final Map<String, Object> config;
  private final String registryUrl;

  public AvroSerdes(String registryUrl) {
    this(registryUrl, Map.of());
  }

  public AvroSerdes(String registryUrl, Map<String, ?> extra) {
    this.registryUrl = registryUrl;
    Map<String, Object> c = new HashMap<>();
    c.put(SchemaResolverConfig.REGISTRY_URL, registryUrl);
    c.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true);
    c.put(SerdeConfig.USE_ID, "contentId");
    c.put(SerdeConfig.ID_HANDLER, "io.apicurio.registry.serde.Default4ByteIdHandler");
    c.put("apicurio.registry.headers.enabled", false);
    c.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
    c.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, CachingAvroDatumProvider.class.getName());
    // the JDK HttpClient instead of a shared Vert.x instance: lookups were seen to hang in Vert.x
    // when several
    // serdes of one JVM (the local run, the tests) were opened and closed; see client() for the
    // deadline
    c.put("apicurio.registry.http.adapter", "JDK");
    c.put(SchemaResolverConfig.RETRY_COUNT, 5L);
    c.put(SchemaResolverConfig.RETRY_BACKOFF_MS, 500L);
    c.putAll(extra);
    this.config = Map.copyOf(c);
  }

  public <T extends SpecificRecord> Serde<T> valueSerde() {
    return serde(false);
  }

  /** A registry client whose every call has a deadline (see {@link BoundedHttpClient}). */
  private RegistryClientFacade client() {
    HttpClient http =
        new BoundedHttpClient(
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build(),
            Duration.ofMillis(
                ((Number) config.getOrDefault(DEADLINE_MS, DEFAULT_DEADLINE_MS)).longValue()));
    JDKRequestAdapter adapter = new JDKRequestAdapter(http);
    adapter.setBaseUrl(registryUrl);
    return new RegistryClientFacadeImpl(new RegistryClient(adapter));
  }

  public Map<String, Object> config() {
    return config;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <T extends SpecificRecord> Serde<T> serde(boolean isKey) {
    AvroKafkaSerializer serializer = new AvroKafkaSerializer<>(client());
    AvroKafkaDeserializer deserializer = new AvroKafkaDeserializer<>(client());
    serializer.configure(config, isKey);
    deserializer.configure(config, isKey);
    return (Serde<T>) Serdes.serdeFrom(serializer, deserializer);
  }
}
