package io.makerates.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SourceScheduleTest {

  static final ZoneId CET = ZoneId.of("Europe/Berlin");
  final SourceSchedule.Daily ecb =
      new SourceSchedule.Daily(
          LocalTime.of(16, 5), CET, Duration.ofMinutes(15), LocalTime.of(19, 0));

  @Test
  void anIntervalPollsAtOnceThenEveryInterval() {
    SourceSchedule every = new SourceSchedule.Every(Duration.ofHours(6));
    Instant now = Instant.parse("2026-11-20T10:00:00Z");
    assertThat(every.first(now)).isEqualTo(now);
    assertThat(every.next(now, false)).isEqualTo(Instant.parse("2026-11-20T16:00:00Z"));
  }

  @Test
  void theEcbIsPolledAfterItsPublicationInFrankfurtTime() {
    // Friday 2026-11-20 09:00 UTC = 10:00 CET: wait for 16:05 CET = 15:05 UTC
    assertThat(ecb.first(Instant.parse("2026-11-20T09:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-20T15:05:00Z"));
    // started at 17:00 CET on a weekday: inside the window, poll now
    assertThat(ecb.first(Instant.parse("2026-11-20T16:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-20T16:00:00Z"));
    // Saturday: Monday 16:05 CET
    assertThat(ecb.first(Instant.parse("2026-11-21T12:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-23T15:05:00Z"));
    // summer time: 16:05 CEST = 14:05 UTC
    assertThat(ecb.first(Instant.parse("2026-07-01T08:00:00Z")))
        .isEqualTo(Instant.parse("2026-07-01T14:05:00Z"));
  }

  @Test
  void pollsAgainUntilTheNewDateAppearsOrTheWindowCloses() {
    Instant firstPoll = Instant.parse("2026-11-20T15:05:00Z");
    assertThat(ecb.next(firstPoll, false)).isEqualTo(Instant.parse("2026-11-20T15:20:00Z"));
    assertThat(ecb.next(firstPoll, true)).isEqualTo(Instant.parse("2026-11-23T15:05:00Z"));
    // 18:50 CET, not published: 19:05 would be past the window, so Monday (a holiday publishes
    // nothing)
    assertThat(ecb.next(Instant.parse("2026-11-20T17:50:00Z"), false))
        .isEqualTo(Instant.parse("2026-11-23T15:05:00Z"));
  }

  @Test
  void knowsWhichAnswerIsTheOneItWaitsFor() {
    Instant fridayEvening = Instant.parse("2026-11-20T15:30:00Z");
    assertThat(ecb.isCurrent(LocalDate.of(2026, 11, 20), fridayEvening)).isTrue();
    assertThat(ecb.isCurrent(LocalDate.of(2026, 11, 19), fridayEvening)).isFalse();
    assertThatThrownBy(
            () ->
                new SourceSchedule.Daily(
                    LocalTime.of(16, 5), CET, Duration.ofMinutes(15), LocalTime.of(9, 0)))
        .hasMessageContaining("before the publication time");
  }
}
