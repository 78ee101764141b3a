package io.makerates.bench;

import io.makerates.runtime.kafka.TopicNames;
import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Contribution;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A deterministic stream of valid silver rates shaped like streams-app's output: per business day
 * (weekdays from 1999-01-04 on) EUR→X for the 29 ECB currencies, then the derived USD→X cross rates
 * (28, plus USD→EUR), revision 1. EUR→X has 2 voices (ecb, exchangerate-api) or 3 where the Bank of
 * Canada also quotes X; a cross rate carries the lineage of both legs, as ConsensusDay.cross does.
 * Every call with the same count yields the same records.
 */
final class SilverRecords {

  static final LocalDate FIRST_DAY = LocalDate.of(1999, 1, 4); // a Monday

  // EUR→X levels to drift around (roughly today's figures)
  private static final Map<String, String> LEVELS =
      Map.ofEntries(
          Map.entry("USD", "1.0823"),
          Map.entry("JPY", "161.23"),
          Map.entry("CZK", "25.104"),
          Map.entry("DKK", "7.4601"),
          Map.entry("GBP", "0.83745"),
          Map.entry("HUF", "397.15"),
          Map.entry("PLN", "4.2625"),
          Map.entry("RON", "4.9773"),
          Map.entry("SEK", "11.246"),
          Map.entry("CHF", "0.9612"),
          Map.entry("ISK", "148.90"),
          Map.entry("NOK", "11.642"),
          Map.entry("TRY", "38.312"),
          Map.entry("AUD", "1.7154"),
          Map.entry("BRL", "6.2151"),
          Map.entry("CAD", "1.5637"),
          Map.entry("CNY", "7.8654"),
          Map.entry("HKD", "8.4185"),
          Map.entry("IDR", "17745.02"),
          Map.entry("ILS", "3.9580"),
          Map.entry("INR", "93.8725"),
          Map.entry("KRW", "1573.94"),
          Map.entry("MXN", "21.7368"),
          Map.entry("MYR", "4.7990"),
          Map.entry("NZD", "1.8945"),
          Map.entry("PHP", "62.145"),
          Map.entry("SGD", "1.4532"),
          Map.entry("THB", "36.713"),
          Map.entry("ZAR", "19.8861"));
  static final List<String> QUOTES = LEVELS.keySet().stream().sorted().toList();
  // the currencies of the Bank of Canada's FX_RATES_DAILY among them: a third independent voice
  private static final Set<String> BOC_QUOTES =
      Set.of(
          "AUD", "BRL", "CAD", "CHF", "CNY", "GBP", "HKD", "IDR", "INR", "JPY", "KRW", "MXN", "MYR",
          "NOK", "NZD", "SEK", "SGD", "THB", "TRY", "USD", "ZAR");
  static final String DERIVED_BASE = "USD";

  /** Records per business day: EUR→X, USD→X for X ≠ USD, USD→EUR. */
  static final int PER_DAY = QUOTES.size() * 2;

  private static final BigDecimal BPS = BigDecimal.valueOf(10_000);
  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  private static final MathContext ECB_DIGITS = new MathContext(5, RoundingMode.HALF_EVEN);
  private static final MathContext REBASE = new MathContext(20, RoundingMode.HALF_EVEN);
  private static final MathContext CROSS = new MathContext(20, RoundingMode.HALF_EVEN);

  private SilverRecords() {}

  /** The business day of a day index. */
  static LocalDate date(int dayIndex) {
    return FIRST_DAY.plusDays(dayIndex / 5 * 7L + dayIndex % 5);
  }

  /** The last date the first {@code count} records reach. */
  static LocalDate lastDate(long count) {
    return date((int) ((count - 1) / PER_DAY));
  }

  /**
   * Hands the first {@code count} records to {@code sink}, in the order streams-app would publish
   * them.
   */
  static void forEach(long count, Consumer<ConsensusRate> sink) {
    long left = count;
    for (int day = 0; left > 0; day++) {
      for (ConsensusRate rate : day(day)) {
        if (left-- == 0) {
          return;
        }
        sink.accept(rate);
      }
    }
  }

  /** What is done with one batch; may fail with a checked exception (JDBC). */
  interface BatchAction {
    void accept(List<ConsensusRate> batch) throws Exception;
  }

  /** The first {@code count} records in batches of {@code size}, in order. */
  static void forEachBatch(long count, int size, BatchAction action) throws Exception {
    List<ConsensusRate> batch = new ArrayList<>(size);
    long left = count;
    for (int day = 0; left > 0; day++) {
      for (ConsensusRate rate : day(day)) {
        if (left-- == 0) {
          break;
        }
        batch.add(rate);
        if (batch.size() == size) {
          action.accept(batch);
          batch = new ArrayList<>(size);
        }
      }
    }
    if (!batch.isEmpty()) {
      action.accept(batch);
    }
  }

  static String key(ConsensusRate rate) {
    return rate.getDate() + "/" + rate.getBase() + "/" + rate.getQuote();
  }

  /** One day's records. */
  static List<ConsensusRate> day(int dayIndex) {
    LocalDate date = date(dayIndex);
    List<ConsensusRate> rates = new ArrayList<>(PER_DAY);
    Map<String, Leg> legs = new java.util.HashMap<>();
    for (int q = 0; q < QUOTES.size(); q++) {
      String quote = QUOTES.get(q);
      Leg leg = leg(dayIndex, date, q, quote);
      legs.put(quote, leg);
      rates.add(
          rate(
              date,
              "EUR",
              quote,
              leg.rate,
              ConsensusStatus.CONSENSUS,
              false,
              leg.voices.size(),
              leg.spreadBps,
              leg.low,
              leg.high,
              leg.contributions));
    }
    Leg usd = legs.get(DERIVED_BASE);
    // USD→EUR first, then USD→X in quote order, as ConsensusDay.apply does
    rates.add(
        rate(
            date,
            DERIVED_BASE,
            "EUR",
            BigDecimal.ONE.divide(usd.rate, CROSS),
            ConsensusStatus.CONSENSUS,
            true,
            usd.voices.size(),
            usd.spreadBps,
            BigDecimal.ONE.divide(usd.high, CROSS),
            BigDecimal.ONE.divide(usd.low, CROSS),
            usd.contributions));
    for (String quote : QUOTES) {
      if (quote.equals(DERIVED_BASE)) {
        continue;
      }
      Leg x = legs.get(quote);
      List<Contribution> lineage = new ArrayList<>(usd.contributions);
      lineage.addAll(x.contributions);
      rates.add(
          rate(
              date,
              DERIVED_BASE,
              quote,
              x.rate.divide(usd.rate, CROSS),
              ConsensusStatus.CONSENSUS,
              true,
              Math.min(x.voices.size(), usd.voices.size()),
              x.spreadBps.add(usd.spreadBps),
              x.low.divide(usd.high, CROSS),
              x.high.divide(usd.low, CROSS),
              lineage));
    }
    return rates;
  }

  private record Voice(String source, String group, int partition, BigDecimal value) {}

  private record Leg(
      List<Voice> voices,
      BigDecimal rate,
      BigDecimal low,
      BigDecimal high,
      BigDecimal spreadBps,
      List<Contribution> contributions) {}

  /**
   * EUR→X on one day: a slow drift of up to ±10 % around the level, each voice within ±25 bps of
   * the ECB's.
   */
  private static Leg leg(int dayIndex, LocalDate date, int q, String quote) {
    int phase = Math.floorMod(dayIndex * 7 + q * 131, 4000);
    int driftBps = phase < 2000 ? phase - 1000 : 3000 - phase; // a triangle wave, in bps
    BigDecimal ecb = new BigDecimal(LEVELS.get(quote)).multiply(factor(driftBps), ECB_DIGITS);
    List<Voice> voices = new ArrayList<>(3);
    if (BOC_QUOTES.contains(quote)) {
      voices.add(
          new Voice("boc", "BOC", 3, ecb.multiply(factor(noiseBps(dayIndex, q, 3)), REBASE)));
    }
    voices.add(new Voice("ecb", "ECB", 1, ecb));
    voices.add(
        new Voice(
            "exchangerate-api",
            "ERAPI",
            2,
            ecb.multiply(factor(noiseBps(dayIndex, q, 2)), REBASE)));
    List<BigDecimal> sorted =
        voices.stream().map(Voice::value).sorted(Comparator.naturalOrder()).toList();
    BigDecimal median =
        sorted.size() % 2 == 1
            ? sorted.get(sorted.size() / 2)
            : sorted.get(sorted.size() / 2 - 1).add(sorted.get(sorted.size() / 2)).divide(TWO);
    BigDecimal low = sorted.getFirst();
    BigDecimal high = sorted.getLast();
    BigDecimal spread = high.subtract(low).multiply(BPS).divide(median, 2, RoundingMode.HALF_EVEN);
    List<Contribution> contributions =
        voices.stream().map(v -> contribution(date, dayIndex, quote, v)).toList();
    return new Leg(voices, median, low, high, spread, contributions);
  }

  private static BigDecimal factor(int bps) {
    return BigDecimal.ONE.add(BigDecimal.valueOf(bps, 4));
  }

  /** -25..+25 bps, scrambled by day, currency and source. */
  private static int noiseBps(int dayIndex, int q, int source) {
    int h = (dayIndex * 31 + q) * 17 + source;
    h ^= h >>> 13;
    h *= 0x5bd1e995;
    h ^= h >>> 15;
    return Math.floorMod(h, 51) - 25;
  }

  private static Contribution contribution(LocalDate date, int dayIndex, String quote, Voice v) {
    return Contribution.newBuilder()
        .setSourceId(v.source())
        .setIndependenceGroup(v.group())
        .setValue(v.value().stripTrailingZeros().toPlainString())
        .setExtractionId(
            UUID.nameUUIDFromBytes((v.source() + "/" + date).getBytes(StandardCharsets.UTF_8)))
        .setBronze(new BronzeCoordinates(TopicNames.BRONZE, v.partition(), (long) dayIndex))
        .setAccepted(true)
        .setRejectionReason(null)
        .setLeg("EUR/" + quote)
        .build();
  }

  private static ConsensusRate rate(
      LocalDate date,
      String base,
      String quote,
      BigDecimal rate,
      ConsensusStatus status,
      boolean derived,
      int sources,
      BigDecimal spreadBps,
      BigDecimal low,
      BigDecimal high,
      List<Contribution> lineage) {
    return ConsensusRate.newBuilder()
        .setDate(date)
        .setBase(base)
        .setQuote(quote)
        .setRate(plain(rate))
        .setStatus(status)
        .setDerived(derived)
        .setSourceCount(sources)
        .setSpreadBps(spreadBps.toPlainString())
        .setConfidenceLow(plain(low))
        .setConfidenceHigh(plain(high))
        .setRevision(1)
        .setContributions(lineage)
        .build();
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
