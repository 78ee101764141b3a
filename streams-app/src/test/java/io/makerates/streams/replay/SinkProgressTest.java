package io.makerates.streams.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * While the sink catches up the replay says how much is stored; it asks whether sink-app runs only
 * once nothing has been stored for a while.
 */
class SinkProgressTest {

  private static final TopicPartition P0 = new TopicPartition("fx.silver.rates.v1", 0);
  private static final TopicPartition P1 = new TopicPartition("fx.silver.rates.v1", 1);
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private final SinkProgress progress =
      new SinkProgress(2_000, Map.of(P0, 100L, P1, 0L), Map.of(P0, 1_100L, P1, 1_000L));

  @Test
  void countsWhatIsStoredOfWhatWasPublished() {
    assertThat(progress.stored(Map.of())).isZero();
    assertThat(progress.stored(Map.of(P0, 50L))).as("stored before the replay began").isZero();
    assertThat(progress.stored(Map.of(P0, 600L, P1, 500L))).isEqualTo(1_000);
    assertThat(progress.stored(Map.of(P0, 1_100L, P1, 1_000L))).isEqualTo(2_000);
    assertThat(new SinkProgress(0, Map.of(P0, 7L), Map.of(P0, 7L)).stored(Map.of())).isZero();
  }

  @Test
  void asksWhetherSinkAppRunsOnlyWhenNothingMovesForAWhile() {
    long t = 1_000 * SECOND;
    assertThat(progress.line(Map.of(P0, 100L), t))
        .isEqualTo("sink: stored 0 of 2,000 silver records (0 %)");
    assertThat(progress.line(Map.of(P0, 600L), t + 2 * SECOND))
        .isEqualTo("sink: stored 500 of 2,000 silver records (25 %)");
    // catching up slowly is no fault
    assertThat(progress.line(Map.of(P0, 601L), t + 30 * SECOND)).doesNotContain("sink-app");
    assertThat(progress.line(Map.of(P0, 601L), t + 59 * SECOND)).doesNotContain("sink-app");
    assertThat(progress.line(Map.of(P0, 601L), t + 62 * SECOND))
        .isEqualTo(
            "sink: stored 501 of 2,000 silver records (25 %); nothing stored for 32 s: is"
                + " sink-app running?");
    assertThat(progress.line(Map.of(P0, 700L), t + 64 * SECOND)).doesNotContain("sink-app");
  }
}
