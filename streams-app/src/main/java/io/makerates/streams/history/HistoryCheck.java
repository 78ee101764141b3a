package io.makerates.streams.history;

import io.makerates.runtime.currency.CurrencyTable;
import io.makerates.schema.Observation;
import io.makerates.schema.VoiceFlag;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges one source's rates of a day against the same source's earlier days and the peg table
 * (README, "How a rate is decided"). Pure: the flags depend only on the answer and the earlier days
 * given. The consensus, which sees the other sources of the day, decides what a flag costs the
 * voice.
 *
 * <p>A value is a JUMP when it moved further from the median of the source's latest values than
 * {@code k} times the pair's typical daily move for that source (the median of its latest daily
 * moves), and never for a move under the floor. The median of several values, rather than the last
 * one, is the reference so that the day after a single wrong value is not a jump back. History
 * older than the gap limit is not compared with: a source back after a gap, or a currency it quotes
 * for the first time, starts afresh. A redenomination that kept the code (the lifecycle table)
 * divides the earlier values by its ratio.
 *
 * <p>A pegged currency (its rate against the anchor read from the same answer) is judged by the peg
 * alone inside its band. Reference rates of a peg are not always inside it: a currency board quoted
 * at market rates, a band defended at its edge, the hour of the quote and rounding put honest
 * sources a little outside. So up to the slack beyond the band's edges ({@link
 * HistorySettings#pegSlackBps()} of the central rate) the source's own history judges it, as for
 * any currency, and only beyond that is it a PEG_BREAK. The statistics are decimal, like the rates:
 * a move is a ratio of two of them.
 */
public final class HistoryCheck {

  public static final String JUMP = "JUMP";
  public static final String PEG_BREAK = "PEG_BREAK";

  private static final MathContext RATIO = MathContext.DECIMAL64;
  private static final BigDecimal BPS = BigDecimal.valueOf(10_000);
  private static final String PIVOT = "EUR";

  /** One earlier day of the source: its values by quote, EUR pivot. */
  public record EarlierDay(LocalDate date, Map<String, BigDecimal> rates) {}

  private final HistorySettings settings;
  private final PegTable pegs;
  private final CurrencyTable currencies;

  public HistoryCheck(HistorySettings settings, PegTable pegs, CurrencyTable currencies) {
    this.settings = settings;
    this.pegs = pegs;
    this.currencies = currencies;
  }

  public HistorySettings settings() {
    return settings;
  }

  /**
   * The answer's rates with their flags set (and cleared where nothing is found).
   *
   * @param earlier the source's earlier days, most recent first, at least {@link
   *     HistorySettings#lookback()} of them where there are that many
   */
  public List<Observation> flag(LocalDate date, List<Observation> rates, List<EarlierDay> earlier) {
    return flag(date, PIVOT, rates, earlier);
  }

  /**
   * {@code pivot}: the currency the rates are quoted against, EUR, or the home currency of an
   * answer that votes through its group's EUR leg; a peg is read through the same answer's rate of
   * its anchor either way, and a move is measured in the source's own pivot.
   */
  public List<Observation> flag(
      LocalDate date, String pivot, List<Observation> rates, List<EarlierDay> earlier) {
    Map<String, BigDecimal> today = new java.util.HashMap<>();
    today.put(pivot, BigDecimal.ONE);
    rates.forEach(r -> today.put(r.getQuote(), new BigDecimal(r.getRate())));
    List<Observation> flagged = new ArrayList<>(rates.size());
    for (Observation r : rates) {
      VoiceFlag flag = check(date, r.getQuote(), today.get(r.getQuote()), today, earlier);
      flagged.add(
          java.util.Objects.equals(flag, r.getFlag())
              ? r
              : Observation.newBuilder(r).setFlag(flag).build());
    }
    return flagged;
  }

  private VoiceFlag check(
      LocalDate date,
      String quote,
      BigDecimal value,
      Map<String, BigDecimal> today,
      List<EarlierDay> earlier) {
    Optional<PegTable.Peg> peg = pegs.on(quote, date);
    if (peg.isPresent()) {
      BigDecimal anchor = today.get(peg.get().anchor());
      if (anchor != null) {
        BigDecimal implied = value.divide(anchor, RATIO);
        if (implied.compareTo(peg.get().low()) >= 0 && implied.compareTo(peg.get().high()) <= 0) {
          return null; // inside the band the peg alone judges
        }
        BigDecimal slack = slack(peg.get());
        if (implied.compareTo(peg.get().low().subtract(slack)) < 0
            || implied.compareTo(peg.get().high().add(slack)) > 0) {
          return pegBreak(quote, implied, anchor, peg.get(), slack);
        }
        // a little outside the band: where honest reference rates of a peg can lie, so the
        // source's own history judges it
      }
      // without the anchor in the answer the band cannot be read, so the history judges instead
    }
    return jump(date, quote, value, earlier);
  }

  /** The slack beyond the band's edges, in units of the anchor: bps of the central rate. */
  private BigDecimal slack(PegTable.Peg peg) {
    return peg.central().multiply(settings.pegSlackBps(), RATIO).divide(BPS, RATIO);
  }

  private VoiceFlag pegBreak(
      String quote, BigDecimal implied, BigDecimal anchor, PegTable.Peg peg, BigDecimal slack) {
    BigDecimal edge = implied.compareTo(peg.low()) < 0 ? peg.low() : peg.high();
    String through =
        PIVOT.equals(peg.anchor())
            ? ""
            : " (through the same answer's EUR/"
                + peg.anchor()
                + " "
                + anchor.toPlainString()
                + ")";
    return new VoiceFlag(
        PEG_BREAK,
        edge.multiply(anchor, RATIO).toPlainString(),
        peg.anchor()
            + "/"
            + quote
            + " "
            + implied.round(new MathContext(7)).toPlainString()
            + through
            + " is outside "
            + peg.low().subtract(slack).round(new MathContext(7)).toPlainString()
            + "-"
            + peg.high().add(slack).round(new MathContext(7)).toPlainString()
            + ", the peg's band "
            + peg.low().toPlainString()
            + "-"
            + peg.high().toPlainString()
            + " widened by "
            + settings.pegSlackBps().toPlainString()
            + " bps of its central rate "
            + peg.central().toPlainString());
  }

  private VoiceFlag jump(LocalDate date, String quote, BigDecimal value, List<EarlierDay> earlier) {
    List<LocalDate> dates = new ArrayList<>();
    List<BigDecimal> values = new ArrayList<>();
    for (EarlierDay day : earlier) {
      BigDecimal v = day.rates().get(quote);
      if (v != null && v.signum() > 0) {
        dates.add(day.date());
        values.add(inTodaysUnits(quote, v, day.date(), date));
      }
    }
    List<BigDecimal> recent = new ArrayList<>();
    for (int i = 0; i < values.size() && recent.size() < settings.recent(); i++) {
      if (ChronoUnit.DAYS.between(dates.get(i), i == 0 ? date : dates.get(i - 1))
          > settings.gapDays()) {
        break; // a gap: what lies before it is not recent
      }
      recent.add(values.get(i));
    }
    if (recent.isEmpty()) {
      return null; // a new currency for this source, or a return after a gap
    }
    BigDecimal reference = median(recent);
    List<BigDecimal> moves = new ArrayList<>();
    for (int i = 0; i + 1 < values.size() && moves.size() < settings.window(); i++) {
      if (ChronoUnit.DAYS.between(dates.get(i + 1), dates.get(i)) <= settings.gapDays()) {
        moves.add(values.get(i).divide(values.get(i + 1), RATIO).subtract(BigDecimal.ONE).abs());
      }
    }
    // a few moves say little about what is normal: below five (or the window), the floor rules
    BigDecimal typical =
        moves.size() >= Math.min(5, settings.window()) ? median(moves) : BigDecimal.ZERO;
    BigDecimal floor = settings.floorBps().divide(BPS, RATIO);
    BigDecimal threshold = settings.k().multiply(typical).max(floor);
    BigDecimal move = value.divide(reference, RATIO).subtract(BigDecimal.ONE);
    if (move.abs().compareTo(threshold) <= 0) {
      return null;
    }
    return new VoiceFlag(
        JUMP,
        reference.toPlainString(),
        String.format(
            "EUR/%s moved %+d bps from %s, the median of the source's last %d values, beyond %d bps (%s times its "
                + "typical daily move of %d bps, at least %s)",
            quote,
            bps(move),
            reference.toPlainString(),
            recent.size(),
            bps(threshold),
            settings.k().toPlainString(),
            bps(typical),
            settings.floorBps().toPlainString()));
  }

  /**
   * An earlier value in the units of today: divided by the ratio of every redenomination in
   * between.
   */
  private BigDecimal inTodaysUnits(
      String quote, BigDecimal value, LocalDate then, LocalDate today) {
    BigDecimal adjusted = value;
    for (CurrencyTable.Redenomination r : currencies.redenominations(quote)) {
      if (r.on().isAfter(then) && !r.on().isAfter(today)) {
        adjusted = adjusted.divide(r.ratio(), RATIO);
      }
    }
    return adjusted;
  }

  private static long bps(BigDecimal fraction) {
    return fraction.multiply(BPS).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
  }

  private static BigDecimal median(List<BigDecimal> values) {
    List<BigDecimal> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1
        ? sorted.get(n / 2)
        : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.TWO, RATIO);
  }
}
