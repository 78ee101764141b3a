package io.makerates.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal is for people: a command that runs apps in this JVM ({@code up}, {@code replay})
 * sends their JSON log lines to a file in the data folder, as a Deployment's would go to its log
 * collector, and shows only warnings and errors on the terminal, as one line of text each.
 */
final class AppLogs {

  private AppLogs() {}

  /**
   * For a command that only reads (status, audit, rates, gold, quota): its output is the answer, so
   * the clients' log lines (a Kafka client retrying a broker that is down logs a warning per
   * attempt) are dropped; errors only, as text, on stderr.
   */
  static void quiet() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      quiet(context);
    }
  }

  /** As {@link #quiet()}, on a context being configured (see {@link ReadingLogs}). */
  static void quiet(LoggerContext context) {
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern("%level %logger{0}: %msg%n");
    text.start();
    ConsoleAppender<ILoggingEvent> toStderr = new ConsoleAppender<>();
    toStderr.setContext(context);
    toStderr.setName("STDERR");
    toStderr.setTarget("System.err");
    toStderr.setEncoder(text);
    toStderr.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(toStderr);
    root.setLevel(Level.ERROR);
    context.getLogger("org.apache.kafka").setLevel(Level.OFF);
    context.getLogger("io.apicurio").setLevel(Level.OFF);
  }

  /**
   * Sends every log line to {@code file} (JSON, appended), and warnings and errors to {@code
   * terminal} as one line of text each; returns the file. Called again, e.g. after a fresh start
   * deleted the file, it opens the file anew.
   */
  static Path toFile(Path file, PrintStream terminal) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return file; // another logging backend: leave it as it is
    }
    Path folder = file.toAbsolutePath().getParent();
    try {
      if (folder != null) {
        Files.createDirectories(folder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder, e);
    }
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    // the earlier appenders go first: a file appender refuses to start (and drops every line)
    // while another one of the same context still holds its file
    root.detachAndStopAllAppenders();

    LogstashEncoder json = new LogstashEncoder();
    json.setContext(context);
    json.start();
    FileAppender<ILoggingEvent> toFile = new FileAppender<>();
    toFile.setContext(context);
    toFile.setName("FILE");
    toFile.setFile(file.toString());
    toFile.setAppend(true);
    toFile.setEncoder(json);
    toFile.start();

    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern("%level %logger{0}: %msg%n");
    text.start();
    ThresholdFilter warnings = new ThresholdFilter();
    warnings.setLevel(Level.WARN.levelStr);
    warnings.start();
    OutputStreamAppender<ILoggingEvent> toTerminal = new OutputStreamAppender<>();
    toTerminal.setContext(context);
    toTerminal.setName("TERMINAL");
    toTerminal.setEncoder(text);
    toTerminal.setOutputStream(notClosing(terminal));
    toTerminal.addFilter(warnings);
    toTerminal.start();

    root.addAppender(toFile);
    root.addAppender(toTerminal);
    return file;
  }

  /** The terminal outlives the appender writing to it: closing the appender only flushes it. */
  private static OutputStream notClosing(PrintStream terminal) {
    return new FilterOutputStream(terminal) {
      @Override
      public void write(byte[] bytes, int offset, int length) {
        terminal.write(bytes, offset, length);
      }

      @Override
      public void close() {
        terminal.flush();
      }
    };
  }
}
