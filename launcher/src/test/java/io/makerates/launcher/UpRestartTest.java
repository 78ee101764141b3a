package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicDescriptor;
import io.makerates.runtime.kafka.Topics;
import io.makerates.schema.BronzeExtraction;
import io.makerates.stack.EmbeddedStack;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up} stopped as its shutdown hook stops it, then started again on the same data folder,
 * still has its bronze records, silver rates, fact rows and gold keys, and the registry still
 * decodes the old records; {@code --fresh} starts from nothing.
 */
@Tag("integration")
class UpRestartTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void aStoppedUpStartedAgainKeepsEveryStageAndFreshStartsEmpty(@TempDir Path data)
      throws Exception {
    Set<String> firstExtractions;
    Set<String> firstSilverKeys;
    long firstFacts;
    try (UpCommand.Running first = UpCommand.start(data, false, true, "6h", r -> {})) {
      await().atMost(WAIT).until(first.pipeline()::ready);
      assertThat(LocalStack.isRunning(data)).isTrue();
      assertThat(LocalStack.running(data)).isPresent();
      assertThatThrownBy(() -> LocalStack.start(data, true))
          .hasMessageContaining("already running on");
      Topics topics = new Topics(new AvroSerdes(first.stack().registryUrl()));
      firstExtractions =
          await()
              .atMost(WAIT)
              .until(() -> extractionIds(first.stack(), topics), ids -> !ids.isEmpty());
      firstSilverKeys =
          await()
              .atMost(WAIT)
              .until(() -> keys(first.stack(), topics.rates), keys -> !keys.isEmpty());
      firstFacts = await().atMost(WAIT).until(() -> factRows(first.stack()), n -> n > 0);
      await()
          .atMost(WAIT)
          .until(() -> keys(first.stack(), topics.gold), keys -> keys.contains("EUR/USD"));
    }
    assertThat(LocalStack.isRunning(data)).isFalse();
    assertThat(LocalStackInfo.file(data))
        .as("the connection file goes with a clean stop")
        .doesNotExist();
    assertThat(LocalStack.running(data)).isEmpty();

    try (UpCommand.Running second = UpCommand.start(data, false, true, "6h", r -> {})) {
      await().atMost(WAIT).until(second.pipeline()::ready);
      // serdes with no cache: every old record is decoded through the restarted registry's ids
      Topics topics = new Topics(new AvroSerdes(second.stack().registryUrl()));
      assertThat(extractionIds(second.stack(), topics)).containsAll(firstExtractions);
      assertThat(keys(second.stack(), topics.rates)).containsAll(firstSilverKeys);
      assertThat(factRows(second.stack())).isGreaterThanOrEqualTo(firstFacts);
      assertThat(keys(second.stack(), topics.gold)).contains("EUR/USD");
      assertThat(LocalStack.running(data)).isPresent();
    }

    try (UpCommand.Running fresh = UpCommand.start(data, true, true, "6h", r -> {})) {
      Topics topics = new Topics(new AvroSerdes(fresh.stack().registryUrl()));
      Set<String> ids =
          await().atMost(WAIT).until(() -> extractionIds(fresh.stack(), topics), s -> !s.isEmpty());
      assertThat(ids).doesNotContainAnyElementsOf(firstExtractions);
      await().atMost(WAIT).until(fresh.pipeline()::ready);
    }
  }

  private static Set<String> extractionIds(EmbeddedStack stack, Topics topics) {
    return TestTopics.readAll(stack, topics.bronze).stream()
        .map(ConsumerRecord::value)
        .map(BronzeExtraction::getExtractionId)
        .map(String::valueOf)
        .collect(Collectors.toSet());
  }

  private static <V> Set<String> keys(EmbeddedStack stack, TopicDescriptor<String, V> topic) {
    return TestTopics.readAll(stack, topic).stream()
        .map(ConsumerRecord::key)
        .collect(Collectors.toSet());
  }

  private static long factRows(EmbeddedStack stack) throws Exception {
    try (Connection conn =
            DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        ResultSet rs =
            conn.createStatement()
                .executeQuery(
                    "SELECT CASE WHEN to_regclass('public.fact_rate') IS NULL THEN 0 ELSE (SELECT count(*) FROM fact_rate) END")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
