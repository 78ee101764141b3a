package io.makerates.streams;

import io.makerates.sources.AnswerParser;
import io.makerates.sources.SourceTypes;
import java.util.Map;

/**
 * Every answer parser this build has, by the source type the extractor writes into each bronze
 * record.
 */
public final class Parsers {

  private Parsers() {}

  /**
   * The parsers are stateless, so one instance of each serves every stream thread; each source
   * type's package brings its own.
   */
  public static Map<String, AnswerParser> all() {
    return SourceTypes.parsers();
  }
}
