package io.makerates.streams.reset;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.stack.EmbeddedStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The reset lists before it deletes, refuses while the application has members, and then removes
 * exactly the group and the internal topics of its application id, on a real broker.
 */
@Tag("integration")
class ResetCommandTest {

  private static final String APP = "makerates-streams";
  private static final Set<String> INTERNAL =
      Set.of(APP + "-consensus-store-changelog", APP + "-rates-by-date-repartition");
  private static final Set<String> OTHERS =
      Set.of("fx.bronze.extractions.v1", "other-app-consensus-store-changelog");

  private static EmbeddedStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = EmbeddedStack.builder().kafka().start();
    try (Admin admin = Admin.create(stack.kafkaProperties())) {
      admin
          .createTopics(
              java.util.stream.Stream.concat(INTERNAL.stream(), OTHERS.stream())
                  .map(t -> new NewTopic(t, 1, (short) 1))
                  .toList())
          .all()
          .get();
      admin
          .alterConsumerGroupOffsets(
              APP,
              Map.of(new TopicPartition("fx.bronze.extractions.v1", 0), new OffsetAndMetadata(0)))
          .all()
          .get();
    }
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void listsFirstRefusesWhileRunningThenDeletesOnlyItsOwnGroupAndInternalTopics() throws Exception {
    Run listed = run();
    assertThat(listed.exit).isZero();
    assertThat(listed.out)
        .contains("consumer group " + APP + "\n")
        .contains("internal topic " + APP + "-consensus-store-changelog")
        .contains("internal topic " + APP + "-rates-by-date-repartition")
        .contains("listed only")
        .doesNotContain("other-app");
    assertThat(topics()).containsAll(INTERNAL);

    try (KafkaConsumer<byte[], byte[]> member = member()) {
      member.subscribe(List.of("fx.bronze.extractions.v1"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (member.assignment().isEmpty() && System.nanoTime() < deadline) {
        member.poll(Duration.ofMillis(100));
      }
      Run refused = run("--yes");
      assertThat(refused.exit).isEqualTo(2);
      assertThat(refused.out).contains("1 running member(s); stop streams-app first");
      assertThat(topics()).containsAll(INTERNAL);
    }

    Run done = run("--yes");
    assertThat(done.exit).as(done.out).isZero();
    assertThat(done.out).contains("2 internal topic(s) deleted");
    assertThat(topics()).doesNotContainAnyElementsOf(INTERNAL).containsAll(OTHERS);
    try (Admin admin = Admin.create(stack.kafkaProperties())) {
      assertThat(admin.listConsumerGroups().all().get()).noneMatch(g -> g.groupId().equals(APP));
    }
    assertThat(run().out).contains("consumer group " + APP + " (none)");
  }

  private record Run(int exit, String out) {}

  private static Run run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
    int exit = new CommandLine(new ResetCommand(() -> env, out)).execute(args);
    return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
  }

  private static Set<String> topics() throws Exception {
    try (Admin admin = Admin.create(stack.kafkaProperties())) {
      return admin.listTopics().names().get();
    }
  }

  private static KafkaConsumer<byte[], byte[]> member() {
    Properties p = stack.kafkaProperties();
    p.put("group.id", APP);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
