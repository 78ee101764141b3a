package io.makerates.runtime.kafka;

import io.makerates.runtime.config.Settings;

/**
 * Partitions and replication of the topics an app creates when they are missing. All three apps
 * read the same two variables, so whichever starts first creates the topics the same way.
 */
public record TopicLayout(int partitions, short replication) {

  public static TopicLayout from(Settings settings) {
    return new TopicLayout(
        settings.integer("topic.partitions", 4, 1, 10_000),
        (short) settings.integer("topic.replication", 1, 1, Short.MAX_VALUE));
  }
}
