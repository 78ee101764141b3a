package io.makerates.launcher;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How {@code rates} shows numbers to a person: a rate with six significant digits (more when its
 * integer part is longer, which is never rounded), trailing zeros dropped; a spread with two
 * decimals, so that a column of spreads lines up. Display only: the stored decimals stay exact
 * ({@code --exact} prints them as they are).
 */
final class RateDisplay {

  /** Enough to tell two sources a basis point apart on any rate, as FX screens quote them. */
  static final int SIGNIFICANT_DIGITS = 6;

  private RateDisplay() {}

  static String rate(BigDecimal value) {
    int integerDigits = value.precision() - value.scale();
    MathContext digits =
        new MathContext(Math.max(SIGNIFICANT_DIGITS, integerDigits), RoundingMode.HALF_EVEN);
    return value.round(digits).stripTrailingZeros().toPlainString();
  }

  static String spreadBps(BigDecimal value) {
    return value == null ? "-" : value.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }
}
