package io.makerates.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;

/** The known harmless warnings are dropped; the same loggers' other warnings and errors are not. */
class KnownNoiseTest {

  @Test
  void dropsTheRestartRegistrationErrorOnlyWithItsException() {
    LoggerContext context = new LoggerContext();
    KnownNoise filter = new KnownNoise();
    filter.start();
    context.addTurboFilter(filter);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.setContext(context);
    seen.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(seen);
    Logger controller = context.getLogger("kafka.server.ControllerApis");
    String registration =
        "[ControllerApis nodeId=1] Unexpected error handling request RequestHeader(apiKey="
            + "CONTROLLER_REGISTRATION, apiVersion=0, clientId=1, correlationId=0)";
    Exception notController =
        new java.util.concurrent.CompletionException(
            new org.apache.kafka.common.errors.NotControllerException(
                "The active controller appears to be node 1."));

    controller.error(registration, notController);
    controller.error(registration, new IllegalStateException("disk full"));
    controller.error(registration);
    controller.error(
        "[ControllerApis nodeId=1] Unexpected error handling request RequestHeader(apiKey="
            + "CREATE_TOPICS)",
        notController);
    controller.warn(registration, notController);

    assertThat(seen.list)
        .extracting(e -> e.getLevel() + " " + e.getFormattedMessage().contains("CREATE_TOPICS"))
        .containsExactly("ERROR false", "ERROR false", "ERROR true", "WARN false");
    assertThat(seen.list.get(0).getThrowableProxy().getClassName())
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(seen.list.get(1).getThrowableProxy()).isNull();
  }

  @Test
  void dropsTheBrokersOutOfOrderErrorOnlyWithItsException() {
    LoggerContext context = new LoggerContext();
    KnownNoise filter = new KnownNoise();
    filter.start();
    context.addTurboFilter(filter);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.setContext(context);
    seen.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(seen);
    Logger replicas = context.getLogger("kafka.server.ReplicaManager");
    String append = "[ReplicaManager broker=1] Error processing append operation on partition {}";
    Exception overtaken =
        new org.apache.kafka.common.errors.OutOfOrderSequenceException(
            "Invalid sequence number for producer 3 at offset 77 in partition fx.silver.rates.v1-3:"
                + " 17 (incoming seq. number). Expected sequence 0 for transactions v2 idempotent"
                + " producer with no existing state.");
    Exception gap =
        new org.apache.kafka.common.errors.OutOfOrderSequenceException(
            "Out of order sequence number for producer 3 at offset 5 in partition x-0: 51"
                + " (incoming seq. number), 49 (current end sequence number)");

    replicas.error(append, "fx.silver.rates.v1-3", overtaken);
    replicas.error(append, "fx.silver.rates.v1-3", gap);
    replicas.error(append, "fx.silver.rates.v1-3", new IllegalStateException("disk full"));

    replicas.warn(append, "fx.silver.rates.v1-3", gap);

    assertThat(seen.list)
        .extracting(e -> e.getThrowableProxy().getClassName())
        .containsExactly(
            IllegalStateException.class.getName(),
            org.apache.kafka.common.errors.OutOfOrderSequenceException.class.getName());
  }

  @Test
  void dropsTheInterruptedOffsetReadOfAStoppingEngineOnly() {
    LoggerContext context = new LoggerContext();
    KnownNoise filter = new KnownNoise();
    filter.start();
    context.addTurboFilter(filter);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.setContext(context);
    seen.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(seen);
    Logger reader = context.getLogger("org.apache.kafka.connect.storage.OffsetStorageReaderImpl");

    reader.error(
        "Failed to fetch offsets from namespace {}: ",
        "makerates-gold",
        new InterruptedException());
    reader.error(
        "Failed to fetch offsets from namespace {}: ",
        "makerates-gold",
        new IllegalStateException("broker gone"));

    assertThat(seen.list)
        .extracting(e -> e.getThrowableProxy().getClassName())
        .containsExactly(IllegalStateException.class.getName());
  }

  @Test
  void dropsOnlyTheListedWarnings() {
    LoggerContext context = new LoggerContext();
    KnownNoise filter = new KnownNoise();
    filter.start();
    context.addTurboFilter(filter);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.setContext(context);
    seen.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(seen);
    Logger client = context.getLogger("org.apache.kafka.clients.NetworkClient");
    Logger topics = context.getLogger("kafka.server.DefaultAutoTopicCreationManager");
    Logger sender = context.getLogger("org.apache.kafka.clients.producer.internals.Sender");

    client.warn(
        "[NodeToControllerChannelManager id=1 name=registration] Attempting to close"
            + " NetworkClient that has already been closed.");
    topics.warn(
        "Auto topic creation failed for __transaction_state with error 'TOPIC_ALREADY_EXISTS':"
            + " Topic '__transaction_state' already exists.");
    sender.warn(
        "[Producer clientId=x] Got error produce response with correlation id {} on"
            + " topic-partition {}, retrying ({} attempts left). Error: {}",
        12,
        "fx.bronze.extractions.v1-1",
        2147483646,
        "CONCURRENT_TRANSACTIONS");
    sender.warn(
        "[Producer clientId=x] Got error produce response with correlation id {} on"
            + " topic-partition {}, retrying ({} attempts left). Error: {}",
        40,
        "fx.silver.rates.v1-3",
        2147483646,
        "OUT_OF_ORDER_SEQUENCE_NUMBER");
    client.warn("[AdminClient clientId=a] Connection to node -1 could not be established.");
    sender.warn(
        "[Producer clientId=x] Got error produce response with correlation id {} on"
            + " topic-partition {}, retrying ({} attempts left). Error: {}",
        13,
        "fx.bronze.extractions.v1-1",
        3,
        "NOT_LEADER_OR_FOLLOWER");
    topics.warn("Auto topic creation failed for __consumer_offsets with error 'POLICY_VIOLATION'");
    client.error("Attempting to close NetworkClient that has already been closed.");

    assertThat(seen.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "[AdminClient clientId=a] Connection to node -1 could not be established.",
            "[Producer clientId=x] Got error produce response with correlation id 13 on"
                + " topic-partition fx.bronze.extractions.v1-1, retrying (3 attempts left)."
                + " Error: NOT_LEADER_OR_FOLLOWER",
            "Auto topic creation failed for __consumer_offsets with error 'POLICY_VIOLATION'",
            "Attempting to close NetworkClient that has already been closed.");
  }
}
