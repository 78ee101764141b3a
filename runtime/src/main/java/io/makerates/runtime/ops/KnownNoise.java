package io.makerates.runtime.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.Marker;

/**
 * Drops the few warnings that libraries log in normal operation and that say nothing an operator
 * could act on, so that a warning on a terminal or in an alert always means something. Each entry
 * names the logger, the words of the warning and why it is harmless; any other warning of the same
 * logger still passes.
 */
public final class KnownNoise extends TurboFilter {

  /** A warning matched by its logger's simple name and a fragment of its message. */
  record Noise(String logger, String fragment, String why) {}

  static final List<Noise> NOISE =
      List.of(
          new Noise(
              "NetworkClient",
              "Attempting to close NetworkClient that has already been closed",
              "a KRaft broker closes its channel to the controller twice when it stops"),
          new Noise(
              "DefaultAutoTopicCreationManager",
              "with error 'TOPIC_ALREADY_EXISTS'",
              "two producers of a first start ask the broker for __transaction_state at once; the"
                  + " second finds it made"));

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != Level.WARN || format == null) {
      return FilterReply.NEUTRAL;
    }
    String name = logger.getName();
    for (Noise noise : NOISE) {
      if ((name.equals(noise.logger()) || name.endsWith("." + noise.logger()))
          && format.contains(noise.fragment())) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }
}
