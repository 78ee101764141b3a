package io.makerates.launcher.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arithmetic from a provider's figures, written as the body has them, to a stored EUR→X value,
 * with where each figure stands in the body. A bank that quotes in its own currency is shown with
 * its own quotes ({@code EUR→USD = CZK per EUR / CZK per USD = 24.170 / 22.345}), not with the
 * 34-digit inverses the parser works with, so that an auditor can read every figure off the body.
 */
final class Arithmetic {

  private static final String PIVOT = "EUR";
  private static final String ROUNDING = " (20 significant digits, half-even)";

  /** The arithmetic's one line, and per figure where the body has it. */
  record Explained(String text, List<String> notes) {

    Explained {
      notes = List.copyOf(notes);
    }
  }

  private Arithmetic() {}

  /**
   * @param base the provider's base as the answer has it
   * @param quote the leg's quote currency (EUR→quote is the stored value)
   * @param quoteFigure base→quote as the parser read it (null when quote is the base)
   * @param eurFigure base→EUR as the parser read it (null when the base is EUR)
   */
  static Explained explain(
      String base,
      String quote,
      String quoteFigure,
      String eurFigure,
      BigDecimal value,
      BodyFigures body) {
    String result = value.toPlainString();
    if (PIVOT.equals(base)) {
      return new Explained(
          "EUR→" + quote + " = " + shown(quoteFigure, body) + " as sent by the source (base EUR)",
          notes(body, base, quoteFigure, quote));
    }
    Optional<BodyFigures.Figure> eur = body.locate(eurFigure);
    if (quote.equals(base)) {
      if (eur.isPresent() && eur.get().homeQuote()) {
        BodyFigures.Figure e = eur.get();
        return new Explained(
            "EUR→"
                + quote
                + " = "
                + per(base, e, PIVOT)
                + perUnits(e, " / ")
                + " = "
                + e.text()
                + perUnits(e, " / ")
                + (e.text().equals(result) ? "" : " = " + result),
            notes(body, base, eurFigure, PIVOT));
      }
      return new Explained(
          "EUR→"
              + quote
              + " = 1 / "
              + base
              + "→EUR = 1 / "
              + shown(eurFigure, body)
              + " = "
              + result,
          notes(body, base, eurFigure, PIVOT));
    }
    Optional<BodyFigures.Figure> q = body.locate(quoteFigure);
    if (eur.isPresent() && eur.get().homeQuote() && q.isPresent() && q.get().homeQuote()) {
      BodyFigures.Figure e = eur.get();
      BodyFigures.Figure x = q.get();
      return new Explained(
          "EUR→"
              + quote
              + " = "
              + per(base, e, PIVOT)
              + perUnits(e, " / ")
              + " / "
              + per(base, x, quote)
              + perUnits(x, " × ")
              + " = "
              + e.text()
              + perUnits(e, " / ")
              + " / "
              + x.text()
              + perUnits(x, " × ")
              + " = "
              + result
              + ROUNDING,
          notes(body, base, quoteFigure, quote, eurFigure, PIVOT));
    }
    return new Explained(
        "EUR→"
            + quote
            + " = "
            + base
            + "→"
            + quote
            + " / "
            + base
            + "→EUR = "
            + shown(quoteFigure, body)
            + " / "
            + shown(eurFigure, body)
            + " = "
            + result
            + ROUNDING,
        notes(body, base, quoteFigure, quote, eurFigure, PIVOT));
  }

  /**
   * A voice of an answer without EUR, carried onto EUR through its group's leg: {@code EUR→X =
   * EUR→P × P→X}, the leg named by the source and extraction it came from.
   *
   * @param quoteFigure P→X as the parser read it
   */
  static Explained throughGroupLeg(
      String base,
      String quote,
      String quoteFigure,
      GroupLegLookup.Leg leg,
      BigDecimal value,
      BodyFigures body) {
    Optional<BodyFigures.Figure> q = body.locate(quoteFigure);
    String figure =
        q.isPresent() && q.get().homeQuote()
            ? "1 / (" + per(base, q.get(), quote) + perUnits(q.get(), " / ") + ")"
            : base + "→" + quote;
    String shown =
        q.isPresent() && q.get().homeQuote()
            ? "1 / " + q.get().text() + perUnits(q.get(), " / ")
            : shown(quoteFigure, body);
    return new Explained(
        "EUR→"
            + quote
            + " = EUR→"
            + base
            + " × "
            + figure
            + " = "
            + leg.value().toPlainString()
            + " × "
            + shown
            + " = "
            + value.toPlainString()
            + ROUNDING
            + "; EUR→"
            + base
            + " is "
            + leg.sourceId()
            + "'s voice of that day (extraction "
            + leg.extractionId()
            + "), the answer quoting no EUR",
        notes(body, base, quoteFigure, quote));
  }

  /** "CZK per EUR", "CZK per 100 JPY". */
  private static String per(String base, BodyFigures.Figure figure, String currency) {
    return base + " per " + units(figure) + currency;
  }

  /** "" for one unit, else "100 ". */
  private static String units(BodyFigures.Figure figure) {
    return oneUnit(figure) ? "" : figure.units().toPlainString() + " ";
  }

  private static boolean oneUnit(BodyFigures.Figure figure) {
    return figure.units().compareTo(BigDecimal.ONE) == 0;
  }

  /** The units a home quote is per, as a factor of the arithmetic (nothing for one unit). */
  private static String perUnits(BodyFigures.Figure figure, String operator) {
    return oneUnit(figure) ? "" : operator + figure.units().toPlainString();
  }

  /** The figure as the body has it when it is there as sent, else as the parser read it. */
  private static String shown(String figure, BodyFigures body) {
    return body.locate(figure).filter(f -> !f.homeQuote()).map(f -> f.text()).orElse(figure);
  }

  /**
   * Where each figure stands in the body.
   *
   * @param figuresAndCurrencies pairs of a figure (base→X as the parser read it) and its X
   */
  private static List<String> notes(BodyFigures body, String base, String... figuresAndCurrencies) {
    List<String> notes = new ArrayList<>();
    for (int i = 0; i + 1 < figuresAndCurrencies.length; i += 2) {
      String figure = figuresAndCurrencies[i];
      String currency = figuresAndCurrencies[i + 1];
      notes.add(
          body.locate(figure)
              .map(
                  f ->
                      f.text()
                          + " at character "
                          + f.at()
                          + " of the body"
                          + (f.homeQuote() ? " (" + per(base, f, currency) + ")" : ""))
              .orElse(
                  figure
                      + " not literally in the body (the parser derives it from the provider's own"
                      + " figure)"));
    }
    return notes;
  }
}
