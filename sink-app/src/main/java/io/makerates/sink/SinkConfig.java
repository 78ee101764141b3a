package io.makerates.sink;

import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.TopicLayout;
import java.time.Duration;
import java.util.Properties;

/**
 * What the sink reads from its environment; everything has a default except the database and the
 * registry.
 */
record SinkConfig(
    String databaseUrl,
    String databaseUser,
    String databasePassword,
    String registryUrl,
    Properties kafka,
    String consumerGroup,
    boolean goldEnabled,
    String goldSlotName,
    String goldOffsetsTopic,
    Duration goldLockRetry,
    int writers,
    int topicPartitions,
    short topicReplication) {

  static SinkConfig from(Settings settings) {
    String url =
        settings.required(
            "database.url", "the PostgreSQL JDBC URL, e.g. jdbc:postgresql://host:5432/makerates");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new io.makerates.runtime.config.ConfigException(
          Settings.variable("database.url")
              + "="
              + url
              + " is not a PostgreSQL JDBC URL (jdbc:postgresql://...)");
    }
    settings.bootstrapServers();
    return new SinkConfig(
        url,
        settings.string("database.user", "makerates"),
        settings.string("database.password", ""),
        settings.required(
            "registry.url", "the schema registry URL, e.g. http://registry:8080/apis/registry/v3"),
        settings.kafkaProperties(),
        settings.string("consumer.group", "makerates-sink"),
        settings.bool("gold.enabled", true),
        settings.string("gold.slot.name", "makerates_gold"),
        settings.string("gold.offsets.topic", "fx.sink.cdc-offsets"),
        settings.duration("gold.lock.retry", Duration.ofSeconds(3)),
        settings.integer("sink.writers", 2, 1, 16),
        TopicLayout.from(settings).partitions(),
        TopicLayout.from(settings).replication());
  }

  Properties kafkaCopy() {
    Properties copy = new Properties();
    copy.putAll(kafka);
    return copy;
  }
}
