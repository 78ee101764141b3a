package io.makerates.launcher.audit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a provider's figure in the raw body as the body has it. A figure the parser read as sent
 * (the ECB's {@code 1.1582}) stands there literally. Central banks that quote in their own currency
 * (Bank of Canada, CNB, NBP, BNR, Bank of Russia) send "home per units of X" ({@code 24.170} CZK
 * per EUR, {@code 15.123} CZK per 100 JPY, {@code 91,2345} with a decimal comma), which the parser
 * turns into home→X = units / figure with 34 digits: that inverse is in no body, so the figure it
 * came from is looked for instead, and taken only when inverting it again gives exactly the
 * parser's value.
 */
final class BodyFigures {

  /** Enough digits to undo a 34-digit inverse of any figure a bank sends. */
  private static final MathContext RECOVER = new MathContext(30);

  // the "amount", "multiplier" or "Nominal" a bank quotes per: 1, 10, 100, ... 1,000,000
  private static final int LARGEST_UNITS_EXPONENT = 6;

  /**
   * A figure as it stands in the body.
   *
   * @param text the characters of the body, trailing zeros and decimal comma included
   * @param at its first character's index in the body
   * @param units for a home quote, the units of the foreign currency it is quoted per; else null
   */
  record Figure(String text, int at, BigDecimal units) {

    boolean homeQuote() {
      return units != null;
    }
  }

  // how the bodies write a day: ISO (most), "04 Dec 2026" (Bank of England), "04.12.2026"
  private static final List<DateTimeFormatter> DAY_FORMATS =
      List.of(
          DateTimeFormatter.ISO_LOCAL_DATE,
          DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH),
          DateTimeFormatter.ofPattern("dd.MM.yyyy"));

  private final String body;
  // where the day's figures start: a range answer holds the same figure on other days too
  private final int dayStart;
  private final Map<String, Optional<Figure>> located = new HashMap<>();

  BodyFigures(String body, LocalDate day) {
    this.body = body;
    this.dayStart =
        DAY_FORMATS.stream()
            .mapToInt(f -> body.indexOf(f.format(day)))
            .filter(i -> i >= 0)
            .min()
            .orElse(0);
  }

  /** Where {@code providerRate} (base→X as the parser read it) comes from in the body, if found. */
  Optional<Figure> locate(String providerRate) {
    return providerRate == null
        ? Optional.empty()
        : located.computeIfAbsent(providerRate, this::search);
  }

  private Optional<Figure> search(String providerRate) {
    BigDecimal value;
    try {
      value = new BigDecimal(providerRate);
    } catch (NumberFormatException notADecimal) {
      return Optional.empty();
    }
    Optional<Figure> asSent = find(value, null);
    if (asSent.isPresent() || value.signum() <= 0) {
      return asSent;
    }
    for (int exponent = 0; exponent <= LARGEST_UNITS_EXPONENT; exponent++) {
      BigDecimal units = BigDecimal.ONE.scaleByPowerOfTen(exponent);
      BigDecimal figure = units.divide(value, RECOVER).stripTrailingZeros();
      String inverted =
          units.divide(figure, MathContext.DECIMAL128).stripTrailingZeros().toPlainString();
      if (!inverted.equals(value.stripTrailingZeros().toPlainString())) {
        continue;
      }
      Optional<Figure> found = find(figure, units);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * The first number equal to {@code value}, with a decimal point or comma, from the day's first
   * mention on (from the start when the day's figures are not there).
   */
  private Optional<Figure> find(BigDecimal value, BigDecimal units) {
    Optional<Figure> ofTheDay = find(value, units, dayStart);
    return ofTheDay.isPresent() || dayStart == 0 ? ofTheDay : find(value, units, 0);
  }

  private Optional<Figure> find(BigDecimal value, BigDecimal units, int start) {
    String plain = value.stripTrailingZeros().toPlainString();
    for (String candidate : new String[] {plain, plain.replace('.', ',')}) {
      int from = start;
      int at;
      while ((at = body.indexOf(candidate, from)) >= 0) {
        int end = endOfNumber(at, candidate);
        if (end > 0) {
          return Optional.of(new Figure(body.substring(at, end), at, units));
        }
        from = at + 1;
      }
    }
    return Optional.empty();
  }

  /**
   * Where the number starting with {@code candidate} at {@code at} ends, when it is a whole number
   * of the body equal to the candidate (only zeros may follow its last digit); else -1. A comma
   * before or after it may separate values (CSV), so only a digit or a point joins numbers.
   */
  private int endOfNumber(int at, String candidate) {
    if (at > 0 && (Character.isDigit(body.charAt(at - 1)) || body.charAt(at - 1) == '.')) {
      return -1;
    }
    int end = at + candidate.length();
    boolean fraction = candidate.indexOf('.') >= 0 || candidate.indexOf(',') >= 0;
    if (fraction) {
      end = zerosFrom(end);
      return end < body.length() && Character.isDigit(body.charAt(end)) ? -1 : end;
    }
    if (end < body.length() && Character.isDigit(body.charAt(end))) {
      return -1;
    }
    if (end + 1 < body.length()
        && (body.charAt(end) == '.' || body.charAt(end) == ',')
        && Character.isDigit(body.charAt(end + 1))) {
      int zeros = zerosFrom(end + 1);
      boolean onlyZeros = zeros == body.length() || !Character.isDigit(body.charAt(zeros));
      if (onlyZeros) {
        return zeros; // 25.000 is the figure 25
      }
      return body.charAt(end) == '.' ? -1 : end; // 25.5 is another figure; 25,5 may be CSV
    }
    return end;
  }

  private int zerosFrom(int index) {
    int end = index;
    while (end < body.length() && body.charAt(end) == '0') {
      end++;
    }
    return end;
  }
}
