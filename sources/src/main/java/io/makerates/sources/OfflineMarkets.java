package io.makerates.sources;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The offline market every sample answer is written from, made the way real answers differ: one
 * reference set of EUR rates ({@code offline-reference.csv}), seen by each independence group a few
 * basis points apart (its own observation time and rounding; sources of one group see the same
 * figures), and on six days in eight one official group 4 % off for one major currency (an outlier
 * among many voices). One currency, the first that exactly two official groups quote, is quoted 2–3
 * % apart by them (a dispute); it is none that a type voting through its group's EUR rate quotes
 * (NBP's weekly Table B), whose voice is there on some days only. Everything is a pure function of
 * the day.
 */
public final class OfflineMarkets {

  private static final MathContext WORK = MathContext.DECIMAL64;
  private static final List<String> MAJORS = List.of("USD", "GBP", "JPY", "CHF", "AUD");

  private final Map<String, BigDecimal> reference;
  private final List<String> groups;
  private final String disputed;
  private final String disputingGroup;

  private OfflineMarkets(Map<String, BigDecimal> reference) {
    this.reference = reference;
    Map<String, TreeSet<String>> groupsOf = new TreeMap<>();
    TreeSet<String> official = new TreeSet<>();
    TreeSet<String> throughGroup = new TreeSet<>();
    for (SourceType type : SourceTypes.all()) {
      Optional<SampleAnswers> samples = SourceTypes.samples(type.id());
      if (samples.isEmpty() || !SourceTypes.official(type.id())) {
        continue;
      }
      official.add(type.defaultGroup());
      if (SourceTypes.eurLegFromGroup(type.id())) {
        // votes only on the days its group quotes EUR too (NBP's weekly Table B): no dispute there
        throughGroup.addAll(samples.get().currencies());
        continue;
      }
      for (String currency : samples.get().currencies()) {
        groupsOf.computeIfAbsent(currency, c -> new TreeSet<>()).add(type.defaultGroup());
      }
    }
    this.groups = List.copyOf(official);
    Map.Entry<String, TreeSet<String>> pair =
        groupsOf.entrySet().stream()
            .filter(e -> e.getValue().size() == 2 && reference.containsKey(e.getKey()))
            .filter(e -> !throughGroup.contains(e.getKey()))
            .findFirst()
            .orElse(null);
    this.disputed = pair == null ? null : pair.getKey();
    this.disputingGroup = pair == null ? null : pair.getValue().last();
  }

  /** The market of every registered type's samples, from the bundled reference rates. */
  public static OfflineMarkets standard() {
    return new OfflineMarkets(reference());
  }

  /** The market as a source of {@code type} sees it, with {@code today} as the newest day. */
  public OfflineMarket market(SourceType type, SampleAnswers samples, LocalDate today) {
    String group = type.defaultGroup();
    return new OfflineMarket(today, (day, currency) -> view(group, day, currency), samples);
  }

  /** The reference EUR→X, or null for a currency the market has no rate for. */
  public BigDecimal reference(String currency) {
    return currency.equals("EUR") ? BigDecimal.ONE : reference.get(currency);
  }

  /** The currency quoted 2–3 % apart by its two official groups, or null. */
  public String disputed() {
    return disputed;
  }

  /** The official group that is off on {@code day}, or null on a day without an outlier. */
  public String offGroup(LocalDate day) {
    int pick = Math.floorMod(Long.hashCode(day.toEpochDay() * 2654435761L), 8);
    return pick < 6 && !groups.isEmpty()
        ? groups.get(Math.floorMod(Long.hashCode(day.toEpochDay() * 97L), groups.size()))
        : null;
  }

  /** The major currency the off group is off in on {@code day}. */
  public static String offCurrency(LocalDate day) {
    return MAJORS.get(Math.floorMod(Long.hashCode(day.toEpochDay() * 40503L), MAJORS.size()));
  }

  private BigDecimal view(String group, LocalDate day, String currency) {
    BigDecimal value = reference.get(currency);
    if (value == null) {
      return null;
    }
    int hash = (group + "/" + day + "/" + currency).hashCode();
    int bps = Math.floorMod(hash, 7) - 3; // observation time and rounding
    if (group.equals(offGroup(day)) && currency.equals(offCurrency(day))) {
      bps = 400;
    }
    if (currency.equals(disputed) && group.equals(disputingGroup)) {
      bps = 200 + Math.floorMod(hash, 101);
    }
    return value.multiply(BigDecimal.ONE.add(BigDecimal.valueOf(bps).movePointLeft(4)), WORK);
  }

  private static Map<String, BigDecimal> reference() {
    Map<String, BigDecimal> rates = new TreeMap<>();
    InputStream in = OfflineMarkets.class.getResourceAsStream("offline-reference.csv");
    if (in == null) {
      throw new IllegalStateException("missing resource offline-reference.csv");
    }
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] cells = line.split(",");
          rates.put(cells[0].strip(), new BigDecimal(cells[1].strip()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(rates);
  }
}
