package io.makerates.sources;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Central banks quote the foreign currency in their home currency: CZK per {@code amount} units of
 * X (per 100 JPY, per 1000 IDR). A provider day holds home→X values, so each becomes {@code units /
 * value}, with 34 significant digits (HALF_EVEN) so that the validator's 20-digit rebasing of two
 * such inverses equals the exact quotient of the originals (EUR→X = value(EUR) / value(X) ×
 * units(X) / units(EUR)). Text that is no positive decimal is returned as it is, for validation to
 * reject with its reason.
 */
public final class HomeQuotes {

  public static final MathContext INVERSE = MathContext.DECIMAL128;

  private HomeQuotes() {}

  /** home→X from "home per {@code units} X"; {@code units} null or blank means 1. */
  public static String homeToForeign(String homePerUnits, String units) {
    if (homePerUnits == null) {
      return null;
    }
    BigDecimal value;
    BigDecimal per;
    try {
      value = new BigDecimal(homePerUnits);
      per = units == null || units.isBlank() ? BigDecimal.ONE : new BigDecimal(units.strip());
    } catch (NumberFormatException notADecimal) {
      return homePerUnits;
    }
    if (value.signum() <= 0 || per.signum() <= 0) {
      return homePerUnits;
    }
    return per.divide(value, INVERSE).stripTrailingZeros().toPlainString();
  }
}
