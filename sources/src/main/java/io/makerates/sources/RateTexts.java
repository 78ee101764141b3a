package io.makerates.sources;

import io.makerates.schema.ReasonCode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * Collecting one day's rate texts from answers that list rates one by one (ECB XML, Frankfurter v2
 * arrays).
 */
public final class RateTexts {

  private RateTexts() {}

  /**
   * Adds a currency's rate text to a day. The same currency again with the same value (as a
   * decimal: "3.85" and "3.8500" agree) keeps the first text; with another value the answer
   * contradicts itself and neither can be preferred, so it is refused whole.
   */
  public static void put(Map<String, String> rates, String day, String currency, String rate)
      throws AnswerRejectedException {
    if (rates.containsKey(currency)) {
      String earlier = rates.get(currency);
      if (!sameValue(earlier, rate)) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT,
            currency
                + " given twice on "
                + day
                + " with different rates ("
                + earlier
                + ", "
                + rate
                + ")");
      }
      return;
    }
    rates.put(currency, rate);
  }

  private static boolean sameValue(String a, String b) {
    if (Objects.equals(a, b)) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
    } catch (NumberFormatException notDecimals) {
      return false;
    }
  }
}
