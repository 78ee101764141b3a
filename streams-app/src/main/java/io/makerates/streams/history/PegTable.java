package io.makerates.streams.history;

import io.makerates.runtime.currency.BundledCsv;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Currencies pegged to an anchor within a band, from {@code pegs.csv} (its header says where the
 * bands come from).
 */
public final class PegTable {

  /** One peg; {@code until} is its last day, null while it holds. */
  public record Peg(
      String currency,
      String anchor,
      BigDecimal central,
      BigDecimal low,
      BigDecimal high,
      LocalDate from,
      LocalDate until) {

    boolean holdsOn(LocalDate date) {
      return !date.isBefore(from) && (until == null || !date.isAfter(until));
    }
  }

  private static final PegTable BUNDLED = load("pegs.csv");

  private final List<Peg> pegs;

  public PegTable(List<Peg> pegs) {
    this.pegs = List.copyOf(pegs);
  }

  public static PegTable bundled() {
    return BUNDLED;
  }

  public static PegTable none() {
    return new PegTable(List.of());
  }

  /** The peg that holds for this currency on this day, if any. */
  public Optional<Peg> on(String currency, LocalDate date) {
    return pegs.stream().filter(p -> p.currency().equals(currency) && p.holdsOn(date)).findFirst();
  }

  public List<Peg> all() {
    return pegs;
  }

  static PegTable load(String resource) {
    List<Peg> pegs = new ArrayList<>();
    for (List<String> f : BundledCsv.rows(PegTable.class, resource, 7)) {
      pegs.add(
          new Peg(
              f.get(0),
              f.get(1),
              new BigDecimal(f.get(2)),
              new BigDecimal(f.get(3)),
              new BigDecimal(f.get(4)),
              LocalDate.parse(f.get(5)),
              f.get(6).isEmpty() ? null : LocalDate.parse(f.get(6))));
    }
    return new PegTable(pegs);
  }
}
