package io.makerates.sink;

import io.debezium.embedded.KafkaConnectUtil;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;
import org.apache.kafka.connect.util.SharedTopicAdmin;

/**
 * Debezium's Kafka offset store, except that stopping it also closes its admin client: the one
 * Debezium builds for {@link KafkaOffsetBackingStore} is never closed, so each engine stop (close,
 * failover) leaked a client that kept reconnecting. The engine instantiates this class through its
 * no-argument constructor ({@code offset.storage}).
 */
public final class ClosingKafkaOffsetBackingStore extends KafkaOffsetBackingStore {

  private final AtomicReference<SharedTopicAdmin> admin;

  public ClosingKafkaOffsetBackingStore() {
    this(new AtomicReference<>());
  }

  private ClosingKafkaOffsetBackingStore(AtomicReference<SharedTopicAdmin> admin) {
    super(
        () -> admin.get().get(),
        () -> GoldPublisher.ENGINE_NAME,
        KafkaConnectUtil.converterForOffsetStore());
    this.admin = admin;
  }

  @Override
  public void configure(WorkerConfig config) {
    Map<String, Object> adminProps = new HashMap<>(config.originals());
    adminProps.put("client.id", GoldPublisher.ENGINE_NAME + "-offsets-admin");
    admin.set(new SharedTopicAdmin(adminProps));
    super.configure(config);
  }

  @Override
  public void stop() {
    try {
      super.stop();
    } finally {
      SharedTopicAdmin current = admin.getAndSet(null);
      if (current != null) {
        current.close(Duration.ofSeconds(5));
      }
    }
  }
}
