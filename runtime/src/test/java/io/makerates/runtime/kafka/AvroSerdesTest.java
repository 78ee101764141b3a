package io.makerates.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.makerates.schema.QuotaUsage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class AvroSerdesTest {

  /**
   * A registry that accepts connections and never answers: a lookup must fail, not hold its thread
   * for ever.
   */
  @Test
  void aRegistryThatNeverAnswersMakesTheLookupFailInsteadOfHanging() throws IOException {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!silent.isClosed()) {
                      try {
                        held.add(silent.accept()); // read nothing, answer nothing
                      } catch (IOException e) {
                        return;
                      }
                    }
                  });
      AvroSerdes serdes =
          new AvroSerdes(
              "http://127.0.0.1:" + silent.getLocalPort() + "/apis/registry/v3",
              Map.of(
                  AvroSerdes.DEADLINE_MS,
                  200L,
                  SchemaResolverConfig.RETRY_COUNT,
                  1L,
                  SchemaResolverConfig.RETRY_BACKOFF_MS,
                  10L));
      Deserializer<QuotaUsage> deserializer = serdes.<QuotaUsage>valueSerde().deserializer();
      // Confluent wire format: magic byte 0, then a 4-byte schema id the deserializer must look up
      byte[] record = ByteBuffer.allocate(6).put((byte) 0).putInt(42).put((byte) 0).array();

      assertTimeoutPreemptively(
          Duration.ofSeconds(60),
          () ->
              assertThatThrownBy(() -> deserializer.deserialize(TopicNames.QUOTA, record))
                  .isInstanceOf(RuntimeException.class));
      acceptor.interrupt();
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }
}
