package io.makerates.runtime.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Drops the few warnings (and one error) that libraries log in normal operation and that say
 * nothing an operator could act on, so that a warning on a terminal or in an alert always means
 * something. Each entry names the logger, the words of the line and why it is harmless; any other
 * line of the same logger still passes.
 */
public final class KnownNoise extends TurboFilter {

  /** A warning matched by its logger's simple name and fragments of its message. */
  record Noise(String logger, String fragment, String alsoFragment, String why) {

    Noise(String logger, String fragment, String why) {
      this(logger, fragment, fragment, why);
    }

    boolean matches(String loggerName, String message) {
      return (loggerName.equals(logger) || loggerName.endsWith("." + logger))
          && message.contains(fragment)
          && message.contains(alsoFragment);
    }
  }

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
                  + " second finds it made"),
          new Noise(
              "Sender",
              "retrying (",
              "CONCURRENT_TRANSACTIONS",
              "a transactional produce that reaches a partition while the markers of its previous"
                  + " transaction are still being written; the producer retries it by itself"),
          new Noise(
              "Sender",
              "retrying (",
              "OUT_OF_ORDER_SEQUENCE_NUMBER",
              "the producer's side of the retriable sequence error below: it retries by itself"));

  /**
   * Errors are never dropped by their words alone: this one also needs its exception. A KRaft node
   * that is broker and controller at once, restarted on its own log, sends its controller
   * registration before its controller has taken the lead; the controller answers "not controller",
   * logs it at ERROR, and the node's channel retries until the registration succeeds.
   */
  static final Noise RESTART_REGISTRATION =
      new Noise(
          "ControllerApis",
          "apiKey=CONTROLLER_REGISTRATION",
          "a single-node KRaft controller on restart answers its own registration before it leads;"
              + " the registration is retried");

  static final String NOT_CONTROLLER = "NotControllerException";

  /**
   * A producer keeps several requests in flight. When one of them is refused with a retriable error
   * (a concurrent transaction's markers, or, with transactions v2, a partition that has no state
   * for the producer yet, KAFKA-18202), the batches behind it arrive with a gap in their sequence;
   * the broker refuses them as out of order and logs that at ERROR, while the producer resends them
   * in order. Whether such a gap is fatal is the producer's call, and the producer then fails and
   * says so in the app's own log; the broker's line is dropped only with that exception.
   */
  static final Noise OUT_OF_ORDER_APPEND =
      new Noise(
          "ReplicaManager",
          "Error processing append operation on partition",
          "a batch behind a refused one in flight arrives with a gap; the producer resends it");

  static final String OUT_OF_ORDER = "OutOfOrderSequenceException";

  /**
   * The sink's Debezium engine, stopped while its task commits, has the offset read of that commit
   * interrupted and logs it at ERROR; the offsets were committed before, and the next start reads
   * them. Dropped only with the interrupt as its exception.
   */
  static final Noise STOPPED_OFFSET_READ =
      new Noise(
          "OffsetStorageReaderImpl",
          "Failed to fetch offsets from namespace",
          "an offset read interrupted by the engine's stop; nothing is lost");

  static final String INTERRUPTED = "InterruptedException";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format == null) {
      return FilterReply.NEUTRAL;
    }
    if (level == Level.ERROR) {
      return isRestartRegistration(logger, format, params, t)
              || isOutOfOrderAppend(logger, format, params, t)
              || isStoppedOffsetRead(logger, format, params, t)
          ? FilterReply.DENY
          : FilterReply.NEUTRAL;
    }
    if (level != Level.WARN) {
      return FilterReply.NEUTRAL;
    }
    // formatted only for a warning, and a rare one: the arguments hold the words (an error code)
    String message = MessageFormatter.arrayFormat(format, params).getMessage();
    for (Noise noise : NOISE) {
      if (noise.matches(logger.getName(), message)) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }

  private static boolean isRestartRegistration(
      Logger logger, String format, Object[] params, Throwable t) {
    Throwable thrown = t;
    if (thrown == null && params != null && params.length > 0) {
      thrown = params[params.length - 1] instanceof Throwable last ? last : null;
    }
    return chainNames(thrown, NOT_CONTROLLER)
        && RESTART_REGISTRATION.matches(
            logger.getName(), MessageFormatter.arrayFormat(format, params).getMessage());
  }

  private static boolean isOutOfOrderAppend(
      Logger logger, String format, Object[] params, Throwable t) {
    Throwable thrown = t;
    if (thrown == null && params != null && params.length > 0) {
      thrown = params[params.length - 1] instanceof Throwable last ? last : null;
    }
    return thrown != null
        && thrown.getClass().getSimpleName().equals(OUT_OF_ORDER)
        && OUT_OF_ORDER_APPEND.matches(
            logger.getName(), MessageFormatter.arrayFormat(format, params).getMessage());
  }

  private static boolean isStoppedOffsetRead(
      Logger logger, String format, Object[] params, Throwable t) {
    Throwable thrown = t;
    if (thrown == null && params != null && params.length > 0) {
      thrown = params[params.length - 1] instanceof Throwable last ? last : null;
    }
    return thrown != null
        && thrown.getClass().getSimpleName().equals(INTERRUPTED)
        && STOPPED_OFFSET_READ.matches(
            logger.getName(), MessageFormatter.arrayFormat(format, params).getMessage());
  }

  /** Whether the exception or one of its causes is of the class with that simple name. */
  private static boolean chainNames(Throwable thrown, String simpleName) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause.getClass().getSimpleName().equals(simpleName)) {
        return true;
      }
      if (cause.getCause() == cause) {
        return false;
      }
    }
    return false;
  }
}
