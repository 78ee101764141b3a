package io.makerates.streams;

import static io.makerates.streams.DailyAnswers.answer;
import static io.makerates.streams.DailyAnswers.businessDays;
import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.schema.ConsensusRate;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Contribution;
import io.makerates.schema.ReasonCode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pegged currencies on generated history, through the whole topology: quoted where honest sources
 * quote them, a little outside their bands (the lev at market rates up to 0.6 % from 1.95583 for
 * years, a noon USD/HKD of 7.7493 to 7.7499, AED and SAR a hair beyond their edges), they raise no
 * flag and no voice is set aside; a real break (BGN 5 % off, HKD at 8.2 per USD, SAR at 3.95, DKK
 * beyond its ERM II band and the slack) is set aside as PEG_BREAK, and a move just outside a band
 * that the source's history does not explain is still a JUMP. The break and jump days are single
 * wrong voices: the other sources quote the market.
 */
class PegGeneratedHistoryTest {

  private static final MathContext EIGHT = new MathContext(8);
  private static final BigDecimal LEV = new BigDecimal("1.95583");

  @TempDir Path stateDir;

  private final Map<String, ConsensusRate> last = new HashMap<>();

  @Test
  void theLevAtMarketRatesForSixYearsRaisesNothingWhileAFivePercentBreakIsSetAside() {
    List<LocalDate> days = businessDays(LocalDate.parse("2000-01-03"), 1560); // to end of 2005
    Map<Integer, String> breaks = Map.of(700, "alpha", 1200, "beta"); // day → who quotes 5 % off
    Random random = new Random(20000103);
    double usd = 1.01;
    double offBps = -30; // the market lev's distance from its central rate
    int outsideBand = 0;
    try (TopologyHarness harness = new TopologyHarness(stateDir)) {
      for (int d = 0; d < days.size(); d++) {
        usd *= Math.exp(0.006 * random.nextGaussian());
        offBps = reflect(offBps + 3 * random.nextGaussian(), -60, 15);
        double market = 1.95583 * (1 + offBps / 10_000);
        for (String source : List.of("alpha", "beta")) {
          if (!breaks.containsKey(d) && random.nextDouble() < 0.02) {
            continue; // a holiday of this source
          }
          // alpha publishes four decimals, as the ECB did; beta fixes a little apart from it
          BigDecimal bgn =
              source.equals("alpha")
                  ? BigDecimal.valueOf(market).setScale(4, RoundingMode.HALF_EVEN)
                  : new BigDecimal(market * (1 + 0.0003 * random.nextGaussian()), EIGHT);
          if (source.equals(breaks.get(d))) {
            bgn = LEV.multiply(new BigDecimal("0.95")); // 1.858: a devaluation nobody else saw
          }
          if (source.equals("alpha") && Math.abs(offBps) > 10.5) {
            outsideBand++;
          }
          BigDecimal dollar = new BigDecimal(usd * (1 + 0.001 * random.nextGaussian()), EIGHT);
          harness.pipe(answer(source, days.get(d), Map.of("USD", dollar, "BGN", bgn)));
        }
        harness.rates().forEach(kv -> last.put(kv.key, kv.value));
      }
    }

    assertThat(outsideBand).as("days the lev lay outside its 0.1 % band").isGreaterThan(500);
    List<String> hurt = new ArrayList<>();
    int voices = 0;
    for (int d = 0; d < days.size(); d++) {
      if (!breaks.containsKey(d)) {
        voices += collectHurt(rate(days.get(d), "BGN"), hurt);
      }
    }
    System.out.printf(
        "generated lev: %d alpha quotes outside the band; %d clean voices, hurt: %s%n",
        outsideBand, voices, hurt);
    assertThat(hurt)
        .as("clean BGN voices set aside or flagged, flagged or disputed rates")
        .isEmpty();
    for (var broken : breaks.entrySet()) {
      ConsensusRate bgn = rate(days.get(broken.getKey()), "BGN");
      Contribution voice = DailyAnswers.voice(bgn, broken.getValue());
      assertThat(voice.getRejectionReason()).isEqualTo(ReasonCode.PEG_BREAK.name());
      assertThat(voice.getFlag()).isEqualTo(ReasonCode.PEG_BREAK.name());
      assertThat(bgn.getFlags()).isEmpty();
      String other = broken.getValue().equals("alpha") ? "beta" : "alpha";
      assertThat(bgn.getRate()).isEqualTo(DailyAnswers.voice(bgn, other).getValue());
    }
  }

  @Test
  void dollarPegsAHairOutsideTheirBandsRaiseNothingWhileBreaksAndJumpsAreCaught() {
    List<LocalDate> days = businessDays(LocalDate.parse("2005-06-01"), 520);
    // day → the one wrong voice of that day: source, currency, its rate against the anchor
    Map<Integer, List<String>> wrong =
        Map.of(
            250, List.of("alpha", "HKD", "8.2"),
            300, List.of("beta", "SAR", "3.95"),
            350, List.of("fed", "DKK", "7.80"),
            400, List.of("fed", "DKK", "7.70"));
    Random random = new Random(20050601);
    double usd = 1.22;
    double hkd = 7.7505;
    double dkk = 7.4600;
    int fedUnder = 0;
    int aedOver = 0;
    int sarOutside = 0;
    try (TopologyHarness harness = new TopologyHarness(stateDir)) {
      for (int d = 0; d < days.size(); d++) {
        usd *= Math.exp(0.004 * random.nextGaussian());
        // the strong side for the first 200 days, then between the undertakings
        hkd =
            d < 200
                ? 7.75 + 0.001 * random.nextDouble()
                : reflect(hkd + 0.0008 * random.nextGaussian(), 7.7505, 7.80);
        dkk = reflect(dkk + 0.0005 * random.nextGaussian(), 7.4520, 7.4650);
        for (String source : List.of("alpha", "beta", "fed")) {
          if (!wrong.containsKey(d) && random.nextDouble() < 0.02) {
            continue;
          }
          double eurUsd = usd * (1 + 0.001 * random.nextGaussian());
          // the Fed's noon rate sits just under the band while the market is on the strong side
          double usdHkd =
              source.equals("fed") && hkd < 7.751
                  ? 7.7493 + 0.0001 * random.nextInt(7)
                  : hkd * (1 + 0.00003 * random.nextGaussian());
          // beta's AED a hair over 3.6798 on every third day; SAR a hair outside either edge
          double usdAed =
              source.equals("beta") && d % 3 == 0
                  ? 3.6799 + 0.0009 * random.nextDouble()
                  : 3.6725 + 0.0004 * random.nextGaussian();
          double usdSar =
              source.equals("alpha") && d % 4 == 1
                  ? 3.7415 + 0.0009 * random.nextDouble()
                  : source.equals("beta") && d % 4 == 2
                      ? 3.7576 + 0.0009 * random.nextDouble()
                      : 3.7502 + 0.0003 * random.nextGaussian();
          double eurDkk = dkk * (1 + 0.00005 * random.nextGaussian());
          fedUnder += source.equals("fed") && usdHkd < 7.75 ? 1 : 0;
          aedOver += usdAed > 3.6798 ? 1 : 0;
          sarOutside += usdSar < 3.7425 || usdSar > 3.7575 ? 1 : 0;
          Map<String, Double> perUsd =
              new HashMap<>(Map.of("HKD", usdHkd, "AED", usdAed, "SAR", usdSar));
          double dkkValue = eurDkk;
          List<String> w = wrong.get(d);
          if (w != null && w.get(0).equals(source)) {
            if (w.get(1).equals("DKK")) {
              dkkValue = Double.parseDouble(w.get(2));
            } else {
              perUsd.put(w.get(1), Double.parseDouble(w.get(2)));
            }
          }
          Map<String, BigDecimal> rates = new HashMap<>();
          rates.put("USD", new BigDecimal(eurUsd, EIGHT));
          rates.put("DKK", new BigDecimal(dkkValue, EIGHT));
          perUsd.forEach((q, v) -> rates.put(q, new BigDecimal(eurUsd * v, EIGHT)));
          harness.pipe(answer(source, days.get(d), rates));
        }
        harness.rates().forEach(kv -> last.put(kv.key, kv.value));
      }
    }

    assertThat(fedUnder).as("noon USD/HKD quotes under 7.75").isGreaterThan(150);
    assertThat(aedOver).as("AED quotes over 3.6798").isGreaterThan(150);
    assertThat(sarOutside).as("SAR quotes outside 3.7425-3.7575").isGreaterThan(200);
    List<String> hurt = new ArrayList<>();
    int voices = 0;
    for (int d = 0; d < days.size(); d++) {
      for (String quote : List.of("USD", "HKD", "AED", "SAR", "DKK")) {
        List<String> w = wrong.get(d);
        if (w == null || !w.get(1).equals(quote)) {
          voices += collectHurt(rate(days.get(d), quote), hurt);
        }
      }
    }
    System.out.printf(
        "generated dollar pegs: %d noon HKD under 7.75, %d AED over its band, %d SAR outside its"
            + " band; %d clean voices, hurt: %s%n",
        fedUnder, aedOver, sarOutside, voices, hurt);
    assertThat(hurt).as("clean voices set aside or flagged, flagged or disputed rates").isEmpty();
    for (var day : wrong.entrySet()) {
      List<String> w = day.getValue();
      ConsensusRate rate = rate(days.get(day.getKey()), w.get(1));
      // DKK 7.70 lies between its band (to 7.62824) and the slack (to 7.7774): a JUMP there
      String expected =
          w.get(2).equals("7.70")
              ? ReasonCode.UNCONFIRMED_JUMP.name()
              : ReasonCode.PEG_BREAK.name();
      Contribution voice = DailyAnswers.voice(rate, w.get(0));
      assertThat(voice.getRejectionReason()).as(w.toString()).isEqualTo(expected);
      assertThat(voice.getFlag()).as(w.toString()).isEqualTo(expected);
      assertThat(rate.getStatus()).as(w.toString()).isEqualTo(ConsensusStatus.CONSENSUS);
      assertThat(rate.getFlags()).as(w.toString()).isEmpty();
    }
  }

  private ConsensusRate rate(LocalDate date, String quote) {
    ConsensusRate rate = last.get(ConsensusDay.rateKey(date, quote));
    assertThat(rate).as(quote + " on " + date).isNotNull();
    return rate;
  }

  /**
   * What a clean rate must not carry, added to {@code hurt}: a flag, a dispute (SINGLE_SOURCE is
   * fine: on the odd day the other sources all have a holiday), or a voice set aside or doubted.
   *
   * @return how many voices the rate has
   */
  private static int collectHurt(ConsensusRate rate, List<String> hurt) {
    if (!rate.getFlags().isEmpty() || rate.getStatus() == ConsensusStatus.DISPUTED) {
      hurt.add(
          rate.getDate() + " " + rate.getQuote() + " " + rate.getStatus() + " " + rate.getFlags());
    }
    for (Contribution voice : rate.getContributions()) {
      if (!voice.getAccepted() || voice.getFlag() != null) {
        hurt.add(
            rate.getDate()
                + " "
                + rate.getQuote()
                + " "
                + voice.getSourceId()
                + " "
                + voice.getValue()
                + " "
                + voice.getRejectionReason()
                + "/"
                + voice.getFlag());
      }
    }
    return rate.getContributions().size();
  }

  /** {@code x} folded back into [low, high]. */
  private static double reflect(double x, double low, double high) {
    return x < low ? 2 * low - x : x > high ? 2 * high - x : x;
  }
}
