package io.makerates.launcher;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging of a command that only reads, set up in code when logback starts: errors only, as text on
 * stderr (see {@link AppLogs#quiet()}). Reading the apps' XML configuration only to replace it took
 * such a command a tenth of its time. Any other run of the launcher's JVM ({@code up}, the tests)
 * is left to the next configurator, the apps' {@code logback.xml}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ReadingLogs extends ContextAwareBase implements Configurator {

  /** Set by {@link MakeRatesCli} before the first logger exists, for a reading command. */
  static final String PROPERTY = "makerates.reading";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty(PROPERTY) == null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    AppLogs.quiet(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
