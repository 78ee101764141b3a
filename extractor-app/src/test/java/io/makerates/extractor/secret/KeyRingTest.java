package io.makerates.extractor.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.extractor.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {

  @Test
  void followsTheFileAndKeepsThePreviousKeyForItsGracePeriod(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("api-key"), "first-key\n");
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    List<String> learnt = new ArrayList<>();
    KeyRing keys = new KeyRing(file, Duration.ofHours(24), clock, learnt::add);

    assertThat(keys.current()).isEqualTo("first-key");
    assertThat(keys.previous()).isEmpty();

    Files.writeString(file, "second-key");
    assertThat(keys.current()).isEqualTo("second-key");
    assertThat(keys.previous()).contains("first-key");
    assertThat(learnt).containsExactly("first-key", "second-key");

    clock.now = clock.now.plus(Duration.ofHours(24));
    assertThat(keys.previous()).isEmpty();
  }

  @Test
  void keepsTheLastKeyWhileTheFileIsBrieflyGoneOrEmpty(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("api-key"), "only-key");
    KeyRing keys = new KeyRing(file, Duration.ofHours(24), java.time.Clock.systemUTC(), k -> {});

    Files.writeString(file, "  \n");
    assertThat(keys.current()).isEqualTo("only-key");
    Files.delete(file);
    assertThat(keys.current()).isEqualTo("only-key");
    assertThat(keys.previous()).isEmpty();
  }
}
