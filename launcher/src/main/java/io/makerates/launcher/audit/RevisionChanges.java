package io.makerates.launcher.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed from one revision of a rate to the next: its value, status and flags, and voice by
 * voice (a source on a leg) who joined or left the accepted voices, who was set aside and why, and
 * whose answer moved to another extraction. A revision grows only when one of these changes, so the
 * list says why it was made; a voice that changed nothing of them shows in the list too.
 */
public final class RevisionChanges {

  /**
   * One change. {@code kind}: {@code VALUE}, {@code STATUS}, {@code FLAGS}, {@code VOICE_ADDED},
   * {@code VOICE_REMOVED}, {@code VOICE_SET_ASIDE}, {@code VOICE_ACCEPTED}, {@code VOICE_VALUE},
   * {@code VOICE_EXTRACTION} or {@code VOICE_FLAG}; {@code source} and {@code leg} name the voice,
   * null for a change of the rate itself.
   */
  public record Change(
      String kind, String source, String leg, String from, String to, String detail) {}

  private RevisionChanges() {}

  /**
   * The changes from {@code before} to {@code after}, the rate's own first, then voice by voice.
   */
  public static List<Change> between(
      RateTrail.Revision before,
      List<RateTrail.Voice> beforeVoices,
      RateTrail.Revision after,
      List<RateTrail.Voice> afterVoices) {
    List<Change> changes = new ArrayList<>();
    if (before.rate().compareTo(after.rate()) != 0) {
      changes.add(
          rate(
              "VALUE",
              plain(before.rate()),
              plain(after.rate()),
              "value " + plain(before.rate()) + " → " + plain(after.rate())));
    }
    if (!before.status().equals(after.status())) {
      changes.add(
          rate(
              "STATUS",
              before.status(),
              after.status(),
              "status " + before.status() + " → " + after.status()));
    }
    if (!before.flags().equals(after.flags())) {
      String from = "{" + String.join(",", before.flags()) + "}";
      String to = "{" + String.join(",", after.flags()) + "}";
      changes.add(rate("FLAGS", from, to, "flags " + from + " → " + to));
    }
    Map<String, RateTrail.Voice> was = byVoice(beforeVoices);
    Map<String, RateTrail.Voice> is = byVoice(afterVoices);
    is.forEach(
        (key, now) -> {
          RateTrail.Voice then = was.get(key);
          if (then == null) {
            changes.add(
                voice(
                    "VOICE_ADDED",
                    now,
                    null,
                    plain(now.value()),
                    "+ " + describe(now) + " " + plain(now.value()) + " " + verdict(now)));
          } else {
            changes.addAll(voiceChanges(then, now));
          }
        });
    was.forEach(
        (key, then) -> {
          if (!is.containsKey(key)) {
            changes.add(
                voice(
                    "VOICE_REMOVED",
                    then,
                    plain(then.value()),
                    null,
                    "- " + describe(then) + " is no longer a voice (was " + verdict(then) + ")"));
          }
        });
    return changes;
  }

  private static List<Change> voiceChanges(RateTrail.Voice then, RateTrail.Voice now) {
    List<Change> changes = new ArrayList<>();
    String who = describe(now);
    if (then.accepted() && !now.accepted()) {
      changes.add(
          voice(
              "VOICE_SET_ASIDE",
              now,
              "accepted",
              now.rejectionReason(),
              who + " set aside: " + now.rejectionReason()));
    } else if (!then.accepted() && now.accepted()) {
      changes.add(
          voice(
              "VOICE_ACCEPTED",
              now,
              then.rejectionReason(),
              "accepted",
              who + " accepted again (was set aside: " + then.rejectionReason() + ")"));
    } else if (!now.accepted() && !Objects.equals(then.rejectionReason(), now.rejectionReason())) {
      changes.add(
          voice(
              "VOICE_SET_ASIDE",
              now,
              then.rejectionReason(),
              now.rejectionReason(),
              who
                  + " set aside: "
                  + now.rejectionReason()
                  + " (was "
                  + then.rejectionReason()
                  + ")"));
    }
    if (then.value().compareTo(now.value()) != 0) {
      changes.add(
          voice(
              "VOICE_VALUE",
              now,
              plain(then.value()),
              plain(now.value()),
              who + " value " + plain(then.value()) + " → " + plain(now.value())));
    }
    if (!Objects.equals(then.extractionId(), now.extractionId())) {
      changes.add(
          voice(
              "VOICE_EXTRACTION",
              now,
              String.valueOf(then.extractionId()),
              String.valueOf(now.extractionId()),
              who
                  + " from extraction "
                  + then.extractionId()
                  + " ("
                  + then.bronzeTopic()
                  + "/"
                  + then.bronzePartition()
                  + "@"
                  + then.bronzeOffset()
                  + ") → "
                  + now.extractionId()
                  + " ("
                  + now.bronzeTopic()
                  + "/"
                  + now.bronzePartition()
                  + "@"
                  + now.bronzeOffset()
                  + ")"));
    }
    if (!Objects.equals(then.flag(), now.flag())) {
      changes.add(
          voice(
              "VOICE_FLAG",
              now,
              then.flag(),
              now.flag(),
              who + " finding " + orNone(then.flag()) + " → " + orNone(now.flag())));
    }
    return changes;
  }

  /** The voices of a revision by leg and source; one voice per source and leg. */
  private static Map<String, RateTrail.Voice> byVoice(List<RateTrail.Voice> voices) {
    Map<String, RateTrail.Voice> map = new LinkedHashMap<>();
    for (RateTrail.Voice v : voices) {
      map.putIfAbsent(v.leg() + " " + v.sourceId(), v);
    }
    return map;
  }

  private static Change rate(String kind, String from, String to, String detail) {
    return new Change(kind, null, null, from, to, detail);
  }

  private static Change voice(
      String kind, RateTrail.Voice v, String from, String to, String detail) {
    return new Change(kind, v.sourceId(), v.leg(), from, to, detail);
  }

  private static String describe(RateTrail.Voice v) {
    return v.sourceId() + " (group " + v.independenceGroup() + ") " + v.leg();
  }

  private static String verdict(RateTrail.Voice v) {
    return (v.accepted() ? "accepted" : "set aside: " + v.rejectionReason())
        + (v.flag() == null ? "" : " [" + v.flag() + "]");
  }

  private static String orNone(String flag) {
    return flag == null ? "none" : flag;
  }

  private static String plain(BigDecimal value) {
    return value == null ? "-" : value.toPlainString();
  }
}
