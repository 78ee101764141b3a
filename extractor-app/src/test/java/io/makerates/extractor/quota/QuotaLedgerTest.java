package io.makerates.extractor.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.extractor.MutableClock;
import io.makerates.schema.QuotaUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuotaLedgerTest {

  static final Instant NOV_22 = Instant.parse("2026-11-22T10:00:00Z");
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void parsesLimitsAndNamesPeriodsInUtc() {
    QuotaLimit monthly = QuotaLimit.parse("1_500/Month", 0.8);
    assertThat(monthly.limit()).isEqualTo(1500);
    assertThat(monthly.periodOf(Instant.parse("2026-11-30T23:59:59Z"))).isEqualTo("MONTH:2026-11");
    assertThat(QuotaLimit.parse("100/day", 0.8).periodOf(Instant.parse("2026-11-22T23:30:00Z")))
        .isEqualTo("DAY:2026-11-22");
    assertThat(QuotaLimit.parse("none", 0.8)).isNull();
    assertThatThrownBy(() -> QuotaLimit.parse("100/week", 0.8))
        .hasMessageContaining("day or month");
    assertThatThrownBy(() -> QuotaLimit.parse("lots/day", 0.8))
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> QuotaLimit.parse("0/day", 0.8)).hasMessageContaining("at least one");
  }

  @Test
  void grantsExactlyTheLimitThenRefusesUntilTheNextPeriod() {
    MutableClock clock = new MutableClock(NOV_22);
    QuotaLedger ledger =
        new QuotaLedger(Map.of("erapi", QuotaLimit.parse("3/day", 0.8)), clock, meters);

    List<Long> used =
        List.of(
            ledger.reserve("erapi").orElseThrow().getUsed(),
            ledger.reserve("erapi").orElseThrow().getUsed(),
            ledger.reserve("erapi").orElseThrow().getUsed());

    assertThat(used).containsExactly(1L, 2L, 3L);
    assertThatThrownBy(() -> ledger.reserve("erapi"))
        .isInstanceOf(QuotaSpentException.class)
        .hasMessageContaining("3 of 3/day used in DAY:2026-11-22");
    assertThat(ledger.remaining("erapi")).contains(0L);
    assertThat(meters.get("makerates.extractor.quota.used").tag("source", "erapi").gauge().value())
        .isEqualTo(3.0);

    clock.now = Instant.parse("2026-11-23T00:00:01Z");
    assertThat(ledger.remaining("erapi")).contains(3L);
    assertThat(ledger.reserve("erapi").orElseThrow().getPeriod()).isEqualTo("DAY:2026-11-23");
  }

  @Test
  void aSourceWithoutQuotaIsNotCounted() {
    QuotaLedger ledger = new QuotaLedger(Map.of(), Clock.fixed(NOV_22, ZoneOffset.UTC), meters);
    assertThat(ledger.reserve("frankfurter")).isEmpty();
    assertThat(ledger.remaining("frankfurter")).isEmpty();
  }

  @Test
  void restoresTheHighestCountOfTheCurrentPeriodAndIgnoresOlderOnes() {
    QuotaLedger ledger =
        new QuotaLedger(
            Map.of("erapi", QuotaLimit.parse("10/month", 0.8)),
            Clock.fixed(NOV_22, ZoneOffset.UTC),
            meters);

    ledger.restore(
        List.of(
            usage("erapi", "MONTH:2026-11", 7),
            usage("erapi", "MONTH:2026-11", 4),
            usage("erapi", "MONTH:2026-10", 9),
            usage("other", "MONTH:2026-11", 2)));

    assertThat(ledger.remaining("erapi")).contains(3L);
    assertThat(ledger.reserve("erapi").orElseThrow().getUsed()).isEqualTo(8);
  }

  @Test
  void theProvidersWordThatTheQuotaIsSpentHoldsUntilThePeriodEnds() {
    QuotaLedger ledger =
        new QuotaLedger(
            Map.of("erapi", QuotaLimit.parse("1500/month", 0.8)),
            Clock.fixed(NOV_22, ZoneOffset.UTC),
            meters);
    ledger.reserve("erapi");

    ledger.exhaust("erapi");

    assertThat(ledger.remaining("erapi")).contains(0L);
    assertThatThrownBy(() -> ledger.reserve("erapi")).isInstanceOf(QuotaSpentException.class);
  }

  private static QuotaUsage usage(String source, String period, long used) {
    return QuotaUsage.newBuilder()
        .setSourceId(source)
        .setPeriod(period)
        .setUsed(used)
        .setLimit(10L)
        .setUpdatedAt(NOV_22)
        .build();
  }
}
