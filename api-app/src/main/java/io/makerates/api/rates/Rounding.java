package io.makerates.api.rates;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Frankfurter's rounding (v1 and v2 alike), by decimal places after the size of the value: a whole
 * number above 5000, two places above 80, three above 20, four above 1, five above 0.0001, else six
 * (half away from zero, as Ruby rounds). Unlike Frankfurter, which returns the ECB's figures as
 * stored for EUR and one unit, every value is rounded so: a consensus value is a median of rebased
 * figures, with up to 20 digits, which no v1 client expects.
 */
public final class Rounding {

  private static final BigDecimal WHOLE = new BigDecimal("5000");
  private static final BigDecimal TWO = new BigDecimal("80");
  private static final BigDecimal THREE = new BigDecimal("20");
  private static final BigDecimal FOUR = BigDecimal.ONE;
  private static final BigDecimal FIVE = new BigDecimal("0.0001");

  private Rounding() {}

  /**
   * The rounded value as the response writes it: {@code 1.1000} becomes {@code 1.1} as
   * Frankfurter's floats are written, and a whole number stays a JSON integer. Trimmed as text,
   * which costs a range of thousands of values far less than {@link
   * BigDecimal#stripTrailingZeros()}.
   */
  public static String text(BigDecimal value) {
    int places = places(value);
    String plain = value.setScale(places, RoundingMode.HALF_UP).toPlainString();
    if (places == 0) {
      return plain;
    }
    int end = plain.length();
    while (plain.charAt(end - 1) == '0') {
      end--;
    }
    if (plain.charAt(end - 1) == '.') {
      end--;
    }
    return plain.substring(0, end);
  }

  private static int places(BigDecimal value) {
    if (value.compareTo(WHOLE) > 0) {
      return 0;
    } else if (value.compareTo(TWO) > 0) {
      return 2;
    } else if (value.compareTo(THREE) > 0) {
      return 3;
    } else if (value.compareTo(FOUR) > 0) {
      return 4;
    } else if (value.compareTo(FIVE) > 0) {
      return 5;
    }
    return 6;
  }

  /** The amount as Frankfurter echoes it: always with a fraction ({@code 1.0}, {@code 2.5}). */
  public static BigDecimal amount(BigDecimal amount) {
    BigDecimal plain = amount.stripTrailingZeros();
    return plain.scale() < 1 ? plain.setScale(1) : plain;
  }
}
