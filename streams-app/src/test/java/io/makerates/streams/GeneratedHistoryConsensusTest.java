package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.schema.ConsensusRate;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Contribution;
import java.math.BigDecimal;
import java.math.MathContext;
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
 * The whole topology on three years of generated daily history: ten currencies moving as majors do
 * (daily moves of 0.25 to 0.7 %), three independent sources whose values differ by their own small
 * noise (15 bps, as fixings taken at different hours do), each missing a day now and then. One
 * source is wrong on 5 % of its cells, 6 to 20 % off either way. Five currencies are quoted by the
 * honest source and the wrong one only, five by all three. On one day two of them really move 15 %,
 * every source with them.
 *
 * <p>Counted over the final silver records: a wrong cell is caught when its voice is set aside or
 * flagged (on the voice, or on the rate it alone decides); a clean voice is hurt when it is set
 * aside or flagged unconfirmed. Wrong cells are kept off the move day and the two days after it: a
 * wrong value that happens to go the way of a real move on the day it happens can only be told from
 * it by a third voice, which the two-source pairs do not have.
 */
class GeneratedHistoryConsensusTest {

  private static final String[] CURRENCIES = {
    "USD", "JPY", "CHF", "SEK", "CAD", "GBP", "NOK", "AUD", "PLN", "CZK"
  };
  private static final double[] DAILY_MOVE = {
    0.0055, 0.0065, 0.0040, 0.0045, 0.0055, 0.0045, 0.0060, 0.0070, 0.0040, 0.0025
  };
  private static final String[] LEVEL = {
    "1.08", "155", "0.95", "11.3", "1.47", "0.86", "11.6", "1.63", "4.35", "25.2"
  };
  private static final int TWO_SOURCE_PAIRS = 5;
  private static final String HONEST_A = "honest-a";
  private static final String HONEST_B = "honest-b";
  private static final String WRONG = "wrong-c";
  private static final int MOVE_DAY = 400;
  private static final List<String> MOVING =
      List.of("USD", "GBP"); // one two-source pair, one three-source pair
  private static final MathContext SIX_DIGITS = new MathContext(6);

  @TempDir Path stateDir;

  @Test
  void wrongValuesAreCaughtWithTwoOrThreeSourcesAndCleanOnesAreLeftAlone() {
    List<LocalDate> days = DailyAnswers.businessDays(LocalDate.parse("2023-01-02"), 780);
    Random random = new Random(20261202);
    Map<String, Boolean> wrongCells =
        new HashMap<>(); // date/currency → the wrong source's value there is wrong
    Map<String, ConsensusRate> last = new HashMap<>();
    try (TopologyHarness harness = new TopologyHarness(stateDir)) {
      double[] truth = new double[CURRENCIES.length];
      for (int c = 0; c < CURRENCIES.length; c++) {
        truth[c] = Double.parseDouble(LEVEL[c]);
      }
      for (int d = 0; d < days.size(); d++) {
        for (int c = 0; c < CURRENCIES.length; c++) {
          truth[c] *= Math.exp(DAILY_MOVE[c] * random.nextGaussian());
          if (d == MOVE_DAY && MOVING.contains(CURRENCIES[c])) {
            truth[c] *= 1.15;
          }
        }
        for (String source : List.of(HONEST_A, HONEST_B, WRONG)) {
          if (random.nextDouble() < 0.02) {
            continue; // a holiday of this source: no answer
          }
          Map<String, BigDecimal> rates = new HashMap<>();
          for (int c = 0; c < CURRENCIES.length; c++) {
            if (source.equals(HONEST_B) && c < TWO_SOURCE_PAIRS) {
              continue;
            }
            double value = truth[c] * (1 + 0.0015 * random.nextGaussian());
            if (source.equals(WRONG)
                && Math.abs(d - MOVE_DAY - 1) > 1
                && random.nextDouble() < 0.05) {
              value *= 1 + (random.nextBoolean() ? 1 : -1) * (0.06 + 0.14 * random.nextDouble());
              wrongCells.put(days.get(d) + "/" + CURRENCIES[c], true);
            }
            rates.put(CURRENCIES[c], new BigDecimal(value, SIX_DIGITS));
          }
          harness.pipe(DailyAnswers.answer(source, days.get(d), rates));
        }
        harness.rates().forEach(kv -> last.put(kv.key, kv.value));
      }
    }

    int wrong = 0;
    int caught = 0;
    int clean = 0;
    int hurt = 0;
    List<String> missed = new ArrayList<>();
    for (ConsensusRate rate : last.values()) {
      for (Contribution voice : rate.getContributions()) {
        boolean setAside = !voice.getAccepted();
        boolean flagged = voice.getFlag() != null && !voice.getFlag().startsWith("CONFIRMED_");
        if (voice.getSourceId().equals(WRONG)
            && wrongCells.containsKey(rate.getDate() + "/" + rate.getQuote())) {
          wrong++;
          if (setAside || flagged) {
            caught++;
          } else {
            missed.add(
                rate.getDate()
                    + " "
                    + rate.getQuote()
                    + " "
                    + voice.getValue()
                    + " ("
                    + rate.getStatus()
                    + ")");
          }
        } else {
          clean++;
          if (setAside || flagged) {
            hurt++;
          }
        }
      }
    }
    System.out.printf(
        "generated history: %d wrong cells, %d caught (%.2f %%); %d clean voices, %d set aside or flagged "
            + "(%.3f %%); missed: %s%n",
        wrong, caught, 100.0 * caught / wrong, clean, hurt, 100.0 * hurt / clean, missed);
    assertThat(wrong).isGreaterThan(300);
    assertThat((double) caught / wrong).isGreaterThanOrEqualTo(0.99);
    assertThat((double) hurt / clean).isLessThanOrEqualTo(0.001);

    for (String quote : MOVING) {
      ConsensusRate moved = last.get(ConsensusDay.rateKey(days.get(MOVE_DAY), quote));
      assertThat(moved.getStatus())
          .as(quote + " on the day it moves 15 %")
          .isEqualTo(ConsensusStatus.CONSENSUS);
      assertThat(moved.getFlags()).isEmpty();
      assertThat(moved.getContributions()).allSatisfy(v -> assertThat(v.getAccepted()).isTrue());
    }
  }
}
