package io.makerates.streams;

import java.util.Map;

/**
 * Every answer parser this build has, by the source type the extractor writes into each bronze
 * record.
 */
public final class Parsers {

  private Parsers() {}

  /**
   * The parsers are stateless, so one instance of each serves every stream thread. A new source
   * type is its parser and one line here; a test checks that every id of {@code SourceTypeIds} has
   * one.
   */
  public static Map<String, AnswerParser> all() {
    return Map.of(
        FrankfurterParser.SOURCE_TYPE, new FrankfurterParser(),
        EcbParser.SOURCE_TYPE, new EcbParser(),
        ExchangeRateApiParser.SOURCE_TYPE, new ExchangeRateApiParser(),
        BankOfCanadaParser.SOURCE_TYPE, new BankOfCanadaParser(),
        CzechNationalBankParser.SOURCE_TYPE, new CzechNationalBankParser(),
        NationalBankOfPolandParser.SOURCE_TYPE, new NationalBankOfPolandParser(),
        NationalBankOfRomaniaParser.SOURCE_TYPE, new NationalBankOfRomaniaParser(),
        BankOfEnglandParser.SOURCE_TYPE, new BankOfEnglandParser(),
        BankOfRussiaParser.SOURCE_TYPE, new BankOfRussiaParser());
  }
}
