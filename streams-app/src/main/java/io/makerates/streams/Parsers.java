package io.makerates.streams;

import java.util.Map;

/** Every answer parser this build has, by the source type the extractor writes into each bronze record. */
public final class Parsers {

  private Parsers() {}

  /** The parsers are stateless, so one instance of each serves every stream thread. */
  public static Map<String, AnswerParser> all() {
    return Map.of(
        FrankfurterParser.SOURCE_TYPE, new FrankfurterParser(),
        EcbParser.SOURCE_TYPE, new EcbParser(),
        ExchangeRateApiParser.SOURCE_TYPE, new ExchangeRateApiParser(),
        BankOfCanadaParser.SOURCE_TYPE, new BankOfCanadaParser());
  }
}
