package io.makerates.streams;

import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The dates a replay may re-decide ({@code MAKERATES_REPLAY_FROM} / {@code MAKERATES_REPLAY_TO}, set by the replay
 * command). It limits only the re-reading of answers already folded in: a new answer is decided whatever its date.
 */
public record ReplayWindow(LocalDate from, LocalDate to) {

  public static final ReplayWindow ALL = new ReplayWindow(null, null);

  public ReplayWindow {
    if (from != null && to != null && from.isAfter(to)) {
      throw new ConfigException("the replay window ends (" + to + ") before it starts (" + from + ")");
    }
  }

  public static ReplayWindow from(Settings settings) {
    return new ReplayWindow(date(settings, "replay.from"), date(settings, "replay.to"));
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
