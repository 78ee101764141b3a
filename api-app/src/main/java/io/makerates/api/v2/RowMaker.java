package io.makerates.api.v2;

import io.makerates.api.history.RecordedDay;
import io.makerates.api.history.RecordedRate;
import io.makerates.api.history.Voice;
import io.makerates.api.rates.DayRates;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns one day's EUR-pivot rates into the rows a query asks for. An EUR-based row is the rate as
 * stored; any other base is computed through the pivot, base→X = EUR→X / EUR→base, exactly as
 * {@link DayRates} does for v1, and, being made of two records, it carries the weaker status of its
 * two legs, the union of their flags and the fewer of their sources, but no revision and no spread
 * (neither leg's is the cross rate's). With {@code providers=} a leg is not the consensus but the
 * median of the named sources' accepted voices on it (that source's value when one).
 */
final class RowMaker {

  /** A leg of a row: its value and how many voices it was made from. */
  private record Leg(BigDecimal value, int sources) {}

  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  private final String base;
  private final Set<String> quotes;
  private final Set<String> providers;
  private final boolean expandProviders;
  private final boolean expandLineage;

  RowMaker(V2Query query) {
    this.base = query.base();
    this.quotes = query.quotes();
    this.providers = query.providers();
    this.expandProviders = query.expandProviders();
    this.expandLineage = query.expandLineage();
  }

  /** The day's rows, by quote; none when the base has no rate that day. */
  List<V2Row> rows(RecordedDay day) {
    Map<String, V2Row> rows = new TreeMap<>();
    if (DayRates.PIVOT.equals(base)) {
      for (RecordedRate rate : day.rates().values()) {
        if (wanted(rate.quote())) {
          eurRow(day, rate).ifPresent(row -> rows.put(row.quote(), row));
        }
      }
      return List.copyOf(rows.values());
    }
    RecordedRate baseRate = day.rates().get(base);
    Optional<Leg> baseLeg = baseRate == null ? Optional.empty() : leg(baseRate);
    if (baseLeg.isEmpty()) {
      return List.of();
    }
    if (wanted(DayRates.PIVOT)) {
      rows.put(DayRates.PIVOT, euroRow(day, baseRate, baseLeg.get()));
    }
    for (RecordedRate rate : day.rates().values()) {
      if (!rate.quote().equals(base) && wanted(rate.quote())) {
        crossRow(day, baseRate, baseLeg.get(), rate).ifPresent(row -> rows.put(row.quote(), row));
      }
    }
    return List.copyOf(rows.values());
  }

  private Optional<V2Row> eurRow(RecordedDay day, RecordedRate rate) {
    List<Voice> voices = chosen(rate);
    return leg(rate)
        .map(
            leg ->
                new V2Row(
                    day.date(),
                    DayRates.PIVOT,
                    rate.quote(),
                    leg.value(),
                    rate.status(),
                    leg.sources(),
                    providers.isEmpty() ? rate.spreadBps() : null,
                    rate.flags(),
                    rate.revision(),
                    expandProviders ? asProviders(voices) : null,
                    expandLineage ? voices : null));
  }

  /** base→EUR: one leg, inverted. */
  private V2Row euroRow(RecordedDay day, RecordedRate baseRate, Leg baseLeg) {
    List<Voice> voices = chosen(baseRate);
    List<V2Row.ProviderRate> byProvider = new ArrayList<>();
    for (Voice v : voices) {
      byProvider.add(new V2Row.ProviderRate(v.source(), inverse(v.value()), !v.accepted()));
    }
    return new V2Row(
        day.date(),
        base,
        DayRates.PIVOT,
        inverse(baseLeg.value()),
        baseRate.status(),
        baseLeg.sources(),
        null,
        baseRate.flags(),
        null,
        expandProviders ? byProvider : null,
        expandLineage ? voices : null);
  }

  private Optional<V2Row> crossRow(
      RecordedDay day, RecordedRate baseRate, Leg baseLeg, RecordedRate quoteRate) {
    Optional<Leg> quoteLeg = leg(quoteRate);
    if (quoteLeg.isEmpty()) {
      return Optional.empty();
    }
    TreeSet<String> flags = new TreeSet<>(baseRate.flags());
    flags.addAll(quoteRate.flags());
    List<Voice> lineage = new ArrayList<>(chosen(baseRate));
    lineage.addAll(chosen(quoteRate));
    return Optional.of(
        new V2Row(
            day.date(),
            base,
            quoteRate.quote(),
            quoteLeg.get().value().divide(baseLeg.value(), DayRates.CROSS),
            weaker(baseRate.status(), quoteRate.status()),
            Math.min(baseLeg.sources(), quoteLeg.get().sources()),
            null,
            List.copyOf(flags),
            null,
            expandProviders ? crossProviders(chosen(baseRate), chosen(quoteRate)) : null,
            expandLineage ? lineage : null));
  }

  /**
   * Each source's own cross rate, where it voiced both legs: its EUR→X over its EUR→base, set aside
   * when either of its voices was.
   */
  private static List<V2Row.ProviderRate> crossProviders(
      List<Voice> baseVoices, List<Voice> quoteVoices) {
    Map<String, Voice> onBase = new TreeMap<>();
    baseVoices.forEach(v -> onBase.put(v.source(), v));
    List<V2Row.ProviderRate> rates = new ArrayList<>();
    for (Voice q : quoteVoices) {
      Voice b = onBase.get(q.source());
      if (b != null) {
        rates.add(
            new V2Row.ProviderRate(
                q.source(),
                q.value().divide(b.value(), DayRates.CROSS),
                !(q.accepted() && b.accepted())));
      }
    }
    return rates;
  }

  /** A leg as the consensus decided it, or as the named sources' accepted voices make it. */
  private Optional<Leg> leg(RecordedRate rate) {
    if (providers.isEmpty()) {
      return Optional.of(new Leg(rate.rate(), rate.sources()));
    }
    List<BigDecimal> values =
        chosen(rate).stream().filter(Voice::accepted).map(Voice::value).sorted().toList();
    if (values.isEmpty()) {
      return Optional.empty();
    }
    int middle = values.size() / 2;
    BigDecimal median =
        values.size() % 2 == 1
            ? values.get(middle)
            : values.get(middle - 1).add(values.get(middle)).divide(TWO); // a half is exact
    return Optional.of(new Leg(median, values.size()));
  }

  /** The voices a row shows and is made from: every one, or the named sources' only. */
  private List<Voice> chosen(RecordedRate rate) {
    if (providers.isEmpty()) {
      return rate.voices();
    }
    return rate.voices().stream()
        .filter(v -> providers.contains(v.source().toLowerCase(Locale.ROOT)))
        .toList();
  }

  private static List<V2Row.ProviderRate> asProviders(List<Voice> voices) {
    return voices.stream()
        .map(v -> new V2Row.ProviderRate(v.source(), v.value(), !v.accepted()))
        .toList();
  }

  private boolean wanted(String quote) {
    return !quote.equals(base) && (quotes.isEmpty() || quotes.contains(quote));
  }

  private static BigDecimal inverse(BigDecimal value) {
    return BigDecimal.ONE.divide(value, DayRates.CROSS);
  }

  /** CONSENSUS is the strongest status, a single source weaker, a dispute the weakest. */
  static String weaker(String a, String b) {
    return strength(a) <= strength(b) ? a : b;
  }

  private static int strength(String status) {
    return switch (status) {
      case "CONSENSUS" -> 2;
      case "SINGLE_SOURCE" -> 1;
      default -> 0;
    };
  }
}
