package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up} configured as its Deployments are: two sources from a config file and the shell, the
 * default Frankfurter source gone, and a mistyped variable named as read by nothing.
 */
@Tag("integration")
class UpConfiguredSourcesTest {

  @Test
  void upRunsTheConfiguredSourcesAndNoDefaultOne(@TempDir Path data) throws Exception {
    Path file =
        Files.writeString(
            data.resolveSibling(data.getFileName() + ".env"),
            """
        MAKERATES_SOURCES=alpha,beta
        MAKERATES_SOURCE_ALPHA_TYPE=frankfurter
        """);
    Map<String, String> shell =
        Map.of(
            "MAKERATES_SOURCE_BETA_TYPE",
            "frankfurter",
            "MAKERATES_SOURCE_BETA_TIER",
            "FALLBACK",
            "MAKERATES_SOURCE_BETA_INTREVAL",
            "1h");
    try (UpCommand.Running up =
        UpCommand.start(
            data.resolve("stack"), false, true, "6h", shell, Optional.of(file), r -> {})) {
      await().atMost(Duration.ofSeconds(90)).until(up.pipeline()::ready);
      Topics topics = new Topics(new AvroSerdes(up.stack().registryUrl()));
      Set<String> sources =
          await()
              .atMost(Duration.ofSeconds(90))
              .until(
                  () ->
                      TestTopics.readAll(up.stack(), topics.bronze).stream()
                          .map(r -> String.valueOf(r.value().getSourceId()))
                          .collect(Collectors.toSet()),
                  ids -> ids.size() >= 2);
      assertThat(sources).containsExactlyInAnyOrder("alpha", "beta");
      assertThat(up.config().warnings())
          .singleElement()
          .asString()
          .startsWith("MAKERATES_SOURCE_BETA_INTREVAL (environment) is not read by any app")
          .endsWith("a typo of MAKERATES_SOURCE_BETA_INTERVAL?");
      assertThat(up.pipeline().settings().unread())
          .as("what the check before the start found unread, the apps did not read either")
          .containsExactly("MAKERATES_SOURCE_BETA_INTREVAL");
      assertThat(
              LocalStackInfo.read(LocalStackInfo.file(up.stack().directory()))
                  .orElseThrow()
                  .clientEnv())
          .containsEntry("MAKERATES_SOURCES", "alpha,beta");
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
