package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.launcher.audit.RateTrail;
import io.makerates.launcher.audit.RevisionChanges;
import io.makerates.launcher.audit.RevisionChanges.Change;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the audit says changed from one revision of a rate to the next. */
class RevisionChangesTest {

  private static final UUID FIRST = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private static final UUID SECOND = UUID.fromString("00000000-0000-0000-0000-000000000002");

  @Test
  void aSecondSourceJoiningChangesStatusAndAddsItsVoice() {
    List<Change> changes =
        RevisionChanges.between(
            revision(1, "1.1582", "SINGLE_SOURCE", List.of()),
            List.of(voice("alpha", "1.1582", true, null, FIRST, 4)),
            revision(2, "1.1582", "CONSENSUS", List.of()),
            List.of(
                voice("alpha", "1.1582", true, null, FIRST, 4),
                voice("beta", "1.1582", true, null, SECOND, 9)));

    assertThat(changes)
        .extracting(Change::kind, Change::source, Change::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("STATUS", null, "status SINGLE_SOURCE → CONSENSUS"),
            org.assertj.core.groups.Tuple.tuple(
                "VOICE_ADDED", "beta", "+ beta (group B) EUR/USD 1.1582 accepted"));
  }

  @Test
  void aVoiceSetAsideAndAnotherWhoseAnswerMovedAreNamedWithWhy() {
    List<Change> changes =
        RevisionChanges.between(
            revision(3, "1.1590", "CONSENSUS", List.of()),
            List.of(
                voice("alpha", "1.1582", true, null, FIRST, 4),
                voice("beta", "1.1598", true, null, FIRST, 5),
                voice("gamma", "1.1590", true, null, FIRST, 6)),
            revision(4, "1.1586", "CONSENSUS", List.of("UNCONFIRMED_JUMP")),
            List.of(
                voice("alpha", "1.1582", true, null, FIRST, 4),
                voice("beta", "1.2300", false, "OUTLIER", SECOND, 11),
                voice("gamma", "1.1590", true, "UNCONFIRMED_JUMP", FIRST, 6)));

    assertThat(changes)
        .extracting(Change::kind)
        .containsExactly(
            "VALUE", "FLAGS", "VOICE_SET_ASIDE", "VOICE_VALUE", "VOICE_EXTRACTION", "VOICE_FLAG");
    assertThat(changes.get(0).detail()).isEqualTo("value 1.1590 → 1.1586");
    assertThat(changes.get(1).detail()).isEqualTo("flags {} → {UNCONFIRMED_JUMP}");
    assertThat(changes.get(2).detail()).isEqualTo("beta (group B) EUR/USD set aside: OUTLIER");
    assertThat(changes.get(3).detail()).isEqualTo("beta (group B) EUR/USD value 1.1598 → 1.2300");
    assertThat(changes.get(4).detail())
        .isEqualTo(
            "beta (group B) EUR/USD from extraction "
                + FIRST
                + " (fx.bronze.extractions.v1/0@5) → "
                + SECOND
                + " (fx.bronze.extractions.v1/0@11)");
    assertThat(changes.get(5).detail())
        .isEqualTo("gamma (group G) EUR/USD finding none → UNCONFIRMED_JUMP");
  }

  @Test
  void aVoiceThatLeftIsNamedWithWhatItWas() {
    List<Change> changes =
        RevisionChanges.between(
            revision(1, "1.1582", "CONSENSUS", List.of()),
            List.of(
                voice("alpha", "1.1582", true, null, FIRST, 4),
                voice("beta", "1.1582", false, "SUPERSEDED_IN_GROUP", FIRST, 5)),
            revision(2, "1.1582", "SINGLE_SOURCE", List.of()),
            List.of(voice("alpha", "1.1582", true, null, FIRST, 4)));

    assertThat(changes)
        .extracting(Change::detail)
        .containsExactly(
            "status CONSENSUS → SINGLE_SOURCE",
            "- beta (group B) EUR/USD is no longer a voice (was set aside: SUPERSEDED_IN_GROUP)");
  }

  private static RateTrail.Revision revision(
      int number, String rate, String status, List<String> flags) {
    return new RateTrail.Revision(
        number,
        new BigDecimal(rate),
        status,
        false,
        1,
        BigDecimal.ZERO,
        flags,
        Instant.parse("2026-03-12T10:00:00Z").plusSeconds(number));
  }

  private static RateTrail.Voice voice(
      String source, String value, boolean accepted, String reasonOrFlag, UUID id, long offset) {
    boolean isFlag = reasonOrFlag != null && reasonOrFlag.contains("JUMP");
    return new RateTrail.Voice(
        "EUR/USD",
        source,
        source.substring(0, 1).toUpperCase(),
        new BigDecimal(value),
        accepted,
        isFlag ? null : reasonOrFlag,
        isFlag ? reasonOrFlag : null,
        id,
        "fx.bronze.extractions.v1",
        0,
        offset);
  }
}
