package io.makerates.streams;

import static io.makerates.streams.DailyAnswers.answer;
import static io.makerates.streams.DailyAnswers.businessDays;
import static io.makerates.streams.DailyAnswers.calm;
import static io.makerates.streams.DailyAnswers.voice;
import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.schema.ConsensusRate;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Observation;
import io.makerates.schema.ReasonCode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule of the README's "How a rate is decided", through the real topology from bronze
 * records: each source is judged against its own history and the peg table, and the consensus
 * decides what a finding costs the voice. Sources "alpha", "beta" and "gamma" are three
 * independence groups.
 */
class HistoryRulesTopologyTest {

  private static final List<LocalDate> DAYS = businessDays(LocalDate.parse("2024-03-04"), 26);
  private static final LocalDate TODAY = DAYS.getLast();

  @TempDir Path stateDir;
  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness = new TopologyHarness(stateDir);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  /** 25 calm business days of EUR/USD around 1.08 from each source, before TODAY. */
  private void calmHistory(String... sources) {
    for (int i = 0; i < DAYS.size() - 1; i++) {
      for (String source : sources) {
        harness.pipe(answer(source, DAYS.get(i), Map.of("USD", calm("1.08", i))));
      }
    }
  }

  /** The last record of every pair so far (the output topic is read once, so it is kept here). */
  private final Map<String, ConsensusRate> last = new HashMap<>();

  private ConsensusRate finalRate(LocalDate date, String quote) {
    harness.rates().forEach(kv -> last.put(kv.key, kv.value));
    return last.get(ConsensusDay.rateKey(date, quote));
  }

  @Test
  void agreementIsJudgedOnTheSpread() {
    harness.pipe(
        answer(
            "alpha",
            TODAY,
            Map.of("USD", new BigDecimal("1.0800"), "GBP", new BigDecimal("0.8500"))));
    harness.pipe(
        answer(
            "beta",
            TODAY,
            Map.of("USD", new BigDecimal("1.0911"), "GBP", new BigDecimal("0.8510"))));

    ConsensusRate usd = finalRate(TODAY, "USD"); // 1.0800 and 1.0911: 102.2 bps of their median
    ConsensusRate gbp = finalRate(TODAY, "GBP");
    assertThat(usd.getStatus()).isEqualTo(ConsensusStatus.CONSENSUS);
    assertThat(gbp.getStatus()).isEqualTo(ConsensusStatus.CONSENSUS);
    harness.pipe(
        answer(
            "beta",
            TODAY,
            Map.of("USD", new BigDecimal("1.1120"), "GBP", new BigDecimal("0.8510")),
            5));
    ConsensusRate wide =
        finalRate(TODAY, "USD"); // 1.0800 and 1.1120: 292.0 bps, each 146 bps from their mean
    assertThat(wide.getSpreadBps()).isEqualTo("291.97");
    assertThat(wide.getStatus()).isEqualTo(ConsensusStatus.DISPUTED);
  }

  @Test
  void anUnconfirmedJumpIsSetAsideWhenAnotherVoiceRemains() {
    calmHistory("alpha", "beta");
    harness.pipe(
        answer("alpha", TODAY, Map.of("USD", new BigDecimal("1.1700")))); // +8 % on a calm pair
    harness.pipe(answer("beta", TODAY, Map.of("USD", new BigDecimal("1.0805"))));

    ConsensusRate usd = finalRate(TODAY, "USD");
    assertThat(usd.getRate()).isEqualTo("1.0805");
    assertThat(usd.getFlags()).isEmpty();
    assertThat(voice(usd, "alpha").getAccepted()).isFalse();
    assertThat(voice(usd, "alpha").getRejectionReason())
        .isEqualTo(ReasonCode.UNCONFIRMED_JUMP.name());
    assertThat(voice(usd, "alpha").getFlag()).isEqualTo(ReasonCode.UNCONFIRMED_JUMP.name());
    assertThat(voice(usd, "beta").getAccepted()).isTrue();
    assertThat(harness.metric("voices-set-aside-total", "reason", "UNCONFIRMED_JUMP")).isPositive();
    assertThat(harness.metric("history-flags-total", "reason", "JUMP")).isPositive();

    Observation flagged =
        harness.observations.readValuesToList().stream()
            .filter(o -> o.getSourceId().equals("alpha") && o.getDate().equals(TODAY))
            .findFirst()
            .orElseThrow()
            .getRates()
            .getFirst();
    assertThat(flagged.getFlag().getReason()).isEqualTo("JUMP");
    assertThat(flagged.getFlag().getDetail())
        .contains("EUR/USD moved +")
        .contains("beyond 200 bps");
  }

  @Test
  void aJumpThatAnotherGroupConfirmsIsARealMove() {
    calmHistory("alpha", "beta");
    harness.pipe(
        answer(
            "alpha", TODAY, Map.of("USD", new BigDecimal("1.2420")))); // both +15 %, 2015's franc
    harness.pipe(answer("beta", TODAY, Map.of("USD", new BigDecimal("1.2430"))));

    ConsensusRate usd = finalRate(TODAY, "USD");
    assertThat(usd.getStatus()).isEqualTo(ConsensusStatus.CONSENSUS);
    assertThat(usd.getRate()).isEqualTo("1.2425");
    assertThat(usd.getFlags()).isEmpty();
    assertThat(usd.getContributions())
        .allSatisfy(
            c -> {
              assertThat(c.getAccepted()).isTrue();
              assertThat(c.getFlag()).isEqualTo(Consensus.CONFIRMED_JUMP);
            });
  }

  /**
   * Moves the size of the franc's on 15 January 2015 (its floor of 1.20 given up: about -14 % that
   * day and -5 % the next), sterling's on 24 June 2016 (about +6 % against the euro) and the
   * rouble's in mid-December 2014 (several days of 5 to 10 %, up and back), each seen by two groups
   * whose fixings are a few basis points apart: every day of them stays CONSENSUS, and the voices
   * are kept as confirmed moves. (Round values of those sizes, not the published ones.)
   */
  @Test
  void realMovesThatTwoGroupsSeeStayConsensus() {
    List<LocalDate> days = businessDays(LocalDate.parse("2014-11-03"), 40);
    String[] chf = new String[days.size()];
    String[] gbp = new String[days.size()];
    String[] rub = new String[days.size()];
    BigDecimal rouble = new BigDecimal("62.0");
    for (int i = 0; i < days.size(); i++) {
      chf[i] =
          i < 30
              ? calm("1.2010", i).toPlainString()
              : i == 30 ? "1.0280" : i == 31 ? "0.9800" : "1.0050";
      gbp[i] = i < 30 ? calm("0.7620", i).toPlainString() : "0.8100";
      // the rouble's fortnight: +6 %, +10 %, -8 %, +5 %, -7 %, then calm at its new level
      int step = i - 25;
      if (step >= 0 && step < 5) {
        rouble =
            rouble.multiply(
                new BigDecimal[] {
                      new BigDecimal("1.06"),
                      new BigDecimal("1.10"),
                      new BigDecimal("0.92"),
                      new BigDecimal("1.05"),
                      new BigDecimal("0.93")
                    }
                    [step]);
      }
      rub[i] = step < 5 ? rouble.toPlainString() : calm(rouble.toPlainString(), i).toPlainString();
    }
    for (int i = 0; i < days.size(); i++) {
      for (String source : List.of("alpha", "beta")) {
        // beta fixes a little later in the day: 8 bps higher
        BigDecimal fixing = source.equals("alpha") ? BigDecimal.ONE : new BigDecimal("1.0008");
        harness.pipe(
            answer(
                source,
                days.get(i),
                Map.of(
                    "CHF",
                    new BigDecimal(chf[i]).multiply(fixing),
                    "GBP",
                    new BigDecimal(gbp[i]).multiply(fixing),
                    "RUB",
                    new BigDecimal(rub[i]).multiply(fixing))));
      }
    }
    for (int i = 20; i < days.size(); i++) {
      for (String quote : List.of("CHF", "GBP", "RUB")) {
        ConsensusRate rate = finalRate(days.get(i), quote);
        assertThat(rate.getStatus())
            .as(quote + " on " + days.get(i))
            .isEqualTo(ConsensusStatus.CONSENSUS);
        assertThat(rate.getFlags()).isEmpty();
        assertThat(rate.getContributions()).allSatisfy(c -> assertThat(c.getAccepted()).isTrue());
      }
    }
    assertThat(voice(finalRate(days.get(30), "CHF"), "alpha").getFlag())
        .isEqualTo(Consensus.CONFIRMED_JUMP);
    assertThat(voice(finalRate(days.get(30), "GBP"), "beta").getFlag())
        .isEqualTo(Consensus.CONFIRMED_JUMP);
    assertThat(voice(finalRate(days.get(26), "RUB"), "alpha").getFlag())
        .isEqualTo(Consensus.CONFIRMED_JUMP);
  }

  @Test
  void aLoneJumpIsPublishedWithAFlagAReaderCanFilterOn() {
    calmHistory("alpha");
    harness.pipe(
        answer(
            "alpha",
            TODAY,
            Map.of("USD", new BigDecimal("1.0000"), "NOK", new BigDecimal("11.50"))));

    ConsensusRate usd = finalRate(TODAY, "USD");
    assertThat(usd.getStatus()).isEqualTo(ConsensusStatus.SINGLE_SOURCE);
    assertThat(usd.getRate()).isEqualTo("1");
    assertThat(usd.getFlags()).containsExactly(ReasonCode.UNCONFIRMED_JUMP.name());
    assertThat(voice(usd, "alpha").getAccepted()).isTrue();
    assertThat(voice(usd, "alpha").getFlag()).isEqualTo(ReasonCode.UNCONFIRMED_JUMP.name());
    // a currency the source quotes for the first time has no history to jump from
    assertThat(finalRate(TODAY, "NOK").getFlags()).isEmpty();
  }

  /** 25 calm days of EUR/USD, HKD at 7.81 per dollar and DKK at 7.46 from each source. */
  private void peggedHistory(String... sources) {
    for (int i = 0; i < DAYS.size() - 1; i++) {
      for (String source : sources) {
        harness.pipe(
            answer(
                source,
                DAYS.get(i),
                Map.of(
                    "USD",
                    calm("1.08", i),
                    "HKD",
                    calm("1.08", i).multiply(new BigDecimal("7.81")),
                    "DKK",
                    new BigDecimal("7.4600"))));
      }
    }
  }

  @Test
  void aPegBreakIsSetAsideAndAPeggedCurrencysFlatHistoryIsNot() {
    peggedHistory("alpha", "beta");
    // alpha: USD/HKD 8.20, beyond 7.75-7.85 and the slack of 200 bps of 7.80 (up to 8.006); DKK
    // moves 1.5 % inside its ERM II band, which after a flat history would be beyond the floor of
    // a jump were it not pegged
    harness.pipe(
        answer(
            "alpha",
            TODAY,
            Map.of(
                "USD",
                new BigDecimal("1.0800"),
                "HKD",
                new BigDecimal("8.8560"),
                "DKK",
                new BigDecimal("7.5720"))));
    harness.pipe(
        answer(
            "beta",
            TODAY,
            Map.of(
                "USD",
                new BigDecimal("1.0801"),
                "HKD",
                new BigDecimal("8.4350"),
                "DKK",
                new BigDecimal("7.5700"))));

    ConsensusRate hkd = finalRate(TODAY, "HKD");
    assertThat(hkd.getRate()).isEqualTo("8.435");
    assertThat(voice(hkd, "alpha").getRejectionReason()).isEqualTo(ReasonCode.PEG_BREAK.name());
    ConsensusRate dkk = finalRate(TODAY, "DKK");
    assertThat(dkk.getStatus()).isEqualTo(ConsensusStatus.CONSENSUS);
    assertThat(dkk.getContributions()).allSatisfy(c -> assertThat(c.getFlag()).isNull());
    Observation broken =
        harness.observations.readValuesToList().stream()
            .filter(o -> o.getSourceId().equals("alpha") && o.getDate().equals(TODAY))
            .flatMap(o -> o.getRates().stream())
            .filter(o -> o.getQuote().equals("HKD"))
            .findFirst()
            .orElseThrow();
    assertThat(broken.getFlag().getReason()).isEqualTo("PEG_BREAK");
    assertThat(broken.getFlag().getDetail())
        .isEqualTo(
            "USD/HKD 8.2 (through the same answer's EUR/USD 1.0800) is outside 7.594-8.006, the"
                + " peg's band 7.75-7.85 widened by 200 bps of its central rate 7.80");
  }

  /**
   * Just outside a band, up to the slack, the source's own history judges a pegged currency: a noon
   * rate a hair under the band is nothing, a move the source never makes is a JUMP.
   */
  @Test
  void justOutsideItsBandAPeggedCurrencyIsJudgedByItsHistory() {
    peggedHistory("alpha", "beta", "gamma");
    // alpha: USD/HKD 7.7495, under 7.75; beta: 8.00, 2.4 % from its 7.81 of the days before
    harness.pipe(
        answer(
            "alpha",
            TODAY,
            Map.of("USD", new BigDecimal("1.0800"), "HKD", new BigDecimal("8.36946"))));
    harness.pipe(
        answer(
            "beta",
            TODAY,
            Map.of("USD", new BigDecimal("1.0800"), "HKD", new BigDecimal("8.6400"))));
    harness.pipe(
        answer(
            "gamma",
            TODAY,
            Map.of("USD", new BigDecimal("1.0801"), "HKD", new BigDecimal("8.3708"))));

    ConsensusRate hkd = finalRate(TODAY, "HKD");
    assertThat(hkd.getStatus()).isEqualTo(ConsensusStatus.CONSENSUS);
    assertThat(hkd.getFlags()).isEmpty();
    assertThat(voice(hkd, "alpha").getFlag()).isNull();
    assertThat(voice(hkd, "alpha").getAccepted()).isTrue();
    assertThat(voice(hkd, "beta").getRejectionReason())
        .isEqualTo(ReasonCode.UNCONFIRMED_JUMP.name());
  }

  @Test
  void aSourceBackAfterAGapStartsAfresh() {
    calmHistory("beta");
    for (int i = 0; i < 10; i++) {
      harness.pipe(answer("alpha", DAYS.get(i), Map.of("USD", calm("1.08", i))));
    }
    // alpha is silent for more than the gap limit while the market moves 5 %; beta follows it day
    // by day
    harness.pipe(answer("alpha", TODAY, Map.of("USD", new BigDecimal("1.1340"))));
    harness.pipe(answer("beta", TODAY, Map.of("USD", new BigDecimal("1.1345"))));

    ConsensusRate usd = finalRate(TODAY, "USD");
    assertThat(voice(usd, "alpha").getFlag()).isNull();
    assertThat(voice(usd, "alpha").getAccepted()).isTrue();
  }

  @Test
  void aRedenominationThatKeptItsCodeIsNotAJump() {
    List<LocalDate> days =
        businessDays(LocalDate.parse("2021-09-06"), 20); // through 2021-10-01, VES's sixth zero cut
    LocalDate cut = LocalDate.parse("2021-10-01");
    assertThat(days).contains(cut);
    for (int i = 0; i < days.size(); i++) {
      BigDecimal ves = days.get(i).isBefore(cut) ? calm("4850000", i) : calm("4.85", i);
      harness.pipe(answer("alpha", days.get(i), Map.of("VES", ves)));
    }
    ConsensusRate ves = finalRate(cut, "VES");
    assertThat(ves.getRate()).startsWith("4.8");
    assertThat(ves.getFlags()).isEmpty();
    assertThat(voice(ves, "alpha").getFlag()).isNull();
  }

  @Test
  void aVoiceSixPercentFromTwoVoicesOnePercentApartIsAnOutlier() {
    harness.pipe(answer("alpha", TODAY, Map.of("USD", new BigDecimal("1.0800"))));
    harness.pipe(answer("beta", TODAY, Map.of("USD", new BigDecimal("1.0908"))));
    harness.pipe(answer("gamma", TODAY, Map.of("USD", new BigDecimal("1.1500"))));

    ConsensusRate usd = finalRate(TODAY, "USD");
    assertThat(voice(usd, "gamma").getRejectionReason()).isEqualTo(ReasonCode.OUTLIER.name());
    assertThat(usd.getRate()).isEqualTo("1.0854");
    assertThat(usd.getStatus()).isEqualTo(ConsensusStatus.CONSENSUS);
  }

  @Test
  void aLateEarlierDayDecidesTheLaterDaysAgain() {
    // TODAY arrives first: alpha has no history yet, so its +8 % is not a jump and the pair is
    // disputed
    harness.pipe(answer("alpha", TODAY, Map.of("USD", new BigDecimal("1.1700"))));
    harness.pipe(answer("beta", TODAY, Map.of("USD", new BigDecimal("1.0805"))));
    assertThat(finalRate(TODAY, "USD").getStatus()).isEqualTo(ConsensusStatus.DISPUTED);
    // then the backfill of the month before: TODAY is decided again, as if it had all come in order
    calmHistory("alpha", "beta");
    ConsensusRate usd = finalRate(TODAY, "USD");
    assertThat(usd.getRate()).isEqualTo("1.0805");
    assertThat(voice(usd, "alpha").getRejectionReason())
        .isEqualTo(ReasonCode.UNCONFIRMED_JUMP.name());
  }
}
