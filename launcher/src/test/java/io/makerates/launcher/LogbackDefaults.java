package io.makerates.launcher;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * The commands point the logging of their process at a file or the terminal; a test running one in
 * the shared test JVM puts the configuration back for the tests after it.
 */
final class LogbackDefaults {

  private LogbackDefaults() {}

  static void restore() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    try {
      new ContextInitializer(context).autoConfig();
    } catch (JoranException e) {
      throw new IllegalStateException(e);
    }
  }
}
