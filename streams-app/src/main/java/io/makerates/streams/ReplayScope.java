package io.makerates.streams;

import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * What a replay does with the answers it reads again (set by the replay command): the dates it may
 * re-decide ({@code MAKERATES_REPLAY_FROM} / {@code MAKERATES_REPLAY_TO}), and whether it publishes
 * every pair of those days again with its current revision ({@code MAKERATES_REPLAY_REPUBLISH}, for
 * a sink storing into a new database). It applies only to answers already folded in: a new answer
 * is decided whatever its date.
 */
public record ReplayScope(LocalDate from, LocalDate to, boolean republish) {

  public static final ReplayScope ALL = new ReplayScope(null, null, false);

  public ReplayScope {
    if (from != null && to != null && from.isAfter(to)) {
      throw new ConfigException(
          "the replay window ends (" + to + ") before it starts (" + from + ")");
    }
  }

  public static ReplayScope from(Settings settings) {
    return new ReplayScope(
        date(settings, "replay.from"),
        date(settings, "replay.to"),
        settings.bool("replay.republish", false));
  }

  private static LocalDate date(Settings settings, String key) {
    String raw = settings.string(key, null);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw new ConfigException(Settings.variable(key) + "=" + raw + " is not a date (YYYY-MM-DD)");
    }
  }

  public boolean contains(LocalDate date) {
    return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
  }
}
