package io.makerates.streams.history;

import io.makerates.runtime.config.Settings;
import java.math.BigDecimal;

/**
 * How a source is checked against its own history (README, "How a rate is decided").
 *
 * @param k a move is a jump beyond this many times the pair's typical daily move for the source
 * @param floorBps a move below this many basis points is never a jump, however calm the pair has
 *     been
 * @param window how many of the source's latest daily moves the typical move (their median) is
 *     taken over
 * @param recent how many of the source's latest values the move is measured from (their median)
 * @param gapDays history older than this many calendar days is not compared with: a source back
 *     after a longer gap starts afresh
 * @param pegSlackBps how far, in basis points of the central rate, a pegged currency may lie beyond
 *     its band's edges before it is a peg break: in between, the source's own history judges it
 *     (reference rates of pegs move with the market, rounding and the hour of the quote)
 */
public record HistorySettings(
    BigDecimal k,
    BigDecimal floorBps,
    int window,
    int recent,
    int gapDays,
    BigDecimal pegSlackBps) {

  public static HistorySettings defaults() {
    return new HistorySettings(
        BigDecimal.valueOf(8), BigDecimal.valueOf(200), 20, 3, 7, BigDecimal.valueOf(200));
  }

  /**
   * {@code MAKERATES_HISTORY_K}, {@code _FLOOR_BPS}, {@code _WINDOW}, {@code _RECENT}, {@code
   * _GAP_DAYS}, {@code _PEG_SLACK_BPS} (zero: any value outside the band is a peg break).
   */
  public static HistorySettings from(Settings settings) {
    HistorySettings d = defaults();
    return new HistorySettings(
        settings.decimal("history.k", d.k(), true),
        settings.decimal("history.floor.bps", d.floorBps(), true),
        settings.integer("history.window", d.window(), 3, 250),
        settings.integer("history.recent", d.recent(), 1, 10),
        settings.integer("history.gap.days", d.gapDays(), 1, 60),
        settings.decimal("history.peg.slack.bps", d.pegSlackBps(), false));
  }

  /**
   * How many of a source's earlier days the check reads: the moves of the window and the values
   * they start from.
   */
  public int lookback() {
    return Math.max(window + 1, recent);
  }
}
