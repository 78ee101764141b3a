package io.makerates.runtime.source;

import java.util.List;

/**
 * The source types of this build, each id defined once: the extractor writes it into every bronze
 * record's {@code sourceType}, and streams-app picks the answer's parser by it. Each app registers
 * one unit per id (the extractor its adapter with its defaults, streams-app its parser), and a test
 * in each app fails the build when an id here has no unit there, so a half-added type cannot ship.
 */
public final class SourceTypeIds {

  public static final String FRANKFURTER = "frankfurter";
  public static final String ECB = "ecb";
  public static final String EXCHANGERATE_API = "exchangerate-api";
  public static final String BANK_OF_CANADA = "boc";
  public static final String CZECH_NATIONAL_BANK = "cnb";
  public static final String NATIONAL_BANK_OF_POLAND = "nbp";
  public static final String NATIONAL_BANK_OF_ROMANIA = "bnr";
  public static final String BANK_OF_ENGLAND = "boe";
  public static final String BANK_OF_RUSSIA = "cbr";

  public static final List<String> ALL =
      List.of(
          FRANKFURTER,
          ECB,
          EXCHANGERATE_API,
          BANK_OF_CANADA,
          CZECH_NATIONAL_BANK,
          NATIONAL_BANK_OF_POLAND,
          NATIONAL_BANK_OF_ROMANIA,
          BANK_OF_ENGLAND,
          BANK_OF_RUSSIA);

  /**
   * The independence group of a source of each type (configured under the type's id, as the default
   * sources are): sources that republish the same primary data are one voice. Frankfurter
   * republishes the ECB's reference rates; every other type, each central bank included, is an
   * observation of its own. A type that republishes another's rates (Norges Bank's ECB crosses, the
   * HNB's ECB rate of the day before) must join that type's group.
   */
  public static final java.util.Map<String, String> DEFAULT_GROUPS =
      java.util.Map.of(
          FRANKFURTER,
          "ECB",
          ECB,
          "ECB",
          EXCHANGERATE_API,
          "ERAPI",
          BANK_OF_CANADA,
          "BOC",
          CZECH_NATIONAL_BANK,
          "CNB",
          NATIONAL_BANK_OF_POLAND,
          "NBP",
          NATIONAL_BANK_OF_ROMANIA,
          "BNR",
          BANK_OF_ENGLAND,
          "BOE",
          BANK_OF_RUSSIA,
          "CBR");

  private SourceTypeIds() {}
}
