package io.makerates.runtime.currency;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The currency lifecycle: ISO 4217 active codes and the retired codes public sources still quote,
 * with the day each stopped being valid, its successor and the conversion ratio. One file ({@code
 * iso4217.csv}) feeds both the validation in streams-app and the sink's {@code dim_currency}.
 */
public final class CurrencyTable {

  /**
   * One code. {@code retiredOn}, {@code successor} and {@code ratio} are null for an active code
   * (ratio also when none is fixed).
   */
  public record Currency(
      String code,
      String numeric,
      Integer minorUnits,
      String name,
      LocalDate retiredOn,
      String successor,
      BigDecimal ratio) {

    /** Whether a rate dated {@code date} may quote this code: not on or after its retirement. */
    public boolean validOn(LocalDate date) {
      return retiredOn == null || date.isBefore(retiredOn);
    }
  }

  /**
   * A redenomination that kept the code: from {@code on}, one new unit is worth {@code ratio} old
   * units.
   */
  public record Redenomination(String code, LocalDate on, BigDecimal ratio) {}

  private static final CurrencyTable ISO_4217 = load("iso4217.csv", "redenominations.csv");

  private final Map<String, Currency> byCode;
  private final Map<String, List<Redenomination>> redenominations;

  private CurrencyTable(
      Map<String, Currency> byCode, Map<String, List<Redenomination>> redenominations) {
    this.byCode = Map.copyOf(byCode);
    this.redenominations = Map.copyOf(redenominations);
  }

  /** The code's redenominations that kept the code, oldest first; empty for most. */
  public List<Redenomination> redenominations(String code) {
    return redenominations.getOrDefault(code, List.of());
  }

  public static CurrencyTable iso4217() {
    return ISO_4217;
  }

  /** The code, active or retired; empty for anything ISO 4217 never listed (FOK, GGP, CNH...). */
  public Optional<Currency> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  public Collection<Currency> all() {
    return byCode.values();
  }

  static CurrencyTable load(String resource, String redenominationsResource) {
    Map<String, Currency> table = new LinkedHashMap<>();
    for (List<String> f : BundledCsv.rows(CurrencyTable.class, resource, 7)) {
      table.put(
          f.get(0),
          new Currency(
              f.get(0),
              f.get(1),
              f.get(2).isEmpty() ? null : Integer.valueOf(f.get(2)),
              f.get(3),
              f.get(4).isEmpty() ? null : LocalDate.parse(f.get(4)),
              f.get(5).isEmpty() ? null : f.get(5),
              f.get(6).isEmpty() ? null : new BigDecimal(f.get(6))));
    }
    Map<String, List<Redenomination>> redenominations = new LinkedHashMap<>();
    for (List<String> f : BundledCsv.rows(CurrencyTable.class, redenominationsResource, 3)) {
      redenominations
          .computeIfAbsent(f.get(0), c -> new ArrayList<>())
          .add(new Redenomination(f.get(0), LocalDate.parse(f.get(1)), new BigDecimal(f.get(2))));
    }
    redenominations
        .values()
        .forEach(list -> list.sort(java.util.Comparator.comparing(Redenomination::on)));
    return new CurrencyTable(table, redenominations);
  }
}
