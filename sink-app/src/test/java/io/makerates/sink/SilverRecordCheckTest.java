package io.makerates.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Contribution;
import io.makerates.schema.Rejection;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/** Which silver records the sink stores and which it rejects, and with what reason. */
class SilverRecordCheckTest {

  private ConsensusRate next;
  private final Deserializer<ConsensusRate> deserializer =
      (topic, bytes) -> {
        if (bytes.length == 0) {
          throw new IllegalArgumentException("no magic byte");
        }
        return next;
      };
  private final SilverRecordCheck check =
      new SilverRecordCheck(deserializer, Set.of("EUR", "USD")::contains);

  @Test
  void acceptsAKnownPairWithDecimalNumbersAndBlankSpread() {
    next = rate("USD", "1.0823", "");
    SilverRecordCheck.Outcome outcome = check.check(record(new byte[] {0}));
    assertThat(outcome).isInstanceOf(SilverRecordCheck.Accepted.class);
    SilverRate stored = ((SilverRecordCheck.Accepted) outcome).rate();
    assertThat(stored.rate()).isEqualByComparingTo("1.0823");
    assertThat(stored.spreadBps()).isNull();
    assertThat(stored.contributions())
        .singleElement()
        .satisfies(c -> assertThat(c.bronzeOffset()).isEqualTo(42));
  }

  @Test
  void rejectsWithReasonCodesAndInputCoordinates() {
    next = rate("XAA", "1.0", "1");
    assertThat(rejection(check.check(record(new byte[] {0}))))
        .satisfies(
            r -> {
              assertThat(r.getReasonCode()).isEqualTo("UNKNOWN_CURRENCY");
              assertThat(r.getCurrency()).isEqualTo("XAA");
              assertThat(r.getStage()).isEqualTo("sink");
              assertThat(r.getInputPartition()).isEqualTo(2);
              assertThat(r.getInputOffset()).isEqualTo(17);
            });
    next = rate("USD", "1,08", "1");
    assertThat(rejection(check.check(record(new byte[] {0}))).getReasonCode())
        .isEqualTo("BAD_VALUE");
    next = rate("USD", "-1.08", "1");
    assertThat(rejection(check.check(record(new byte[] {0}))).getReasonCode())
        .isEqualTo("BAD_VALUE");
    next = rate("USD", "1.08", "NaN");
    assertThat(rejection(check.check(record(new byte[] {0}))).getReasonCode())
        .isEqualTo("BAD_VALUE");
    assertThat(rejection(check.check(record(new byte[0]))).getReasonCode()).isEqualTo("UNREADABLE");
  }

  @Test
  void rejectsWhatTheStarSchemaCannotHoldBeforeItReachesTheDatabase() {
    // valid BigDecimals whose plain form would be a billion digits, or a key beyond dim_date's
    // yyyymmdd
    next = rate("USD", "1E+999999999", "1");
    assertThat(rejection(check.check(record(new byte[] {0}))))
        .satisfies(
            r -> {
              assertThat(r.getReasonCode()).isEqualTo("BAD_VALUE");
              assertThat(r.getDetail()).contains("out of range");
            });
    next = rate("USD", "1.08", "1E-41");
    assertThat(rejection(check.check(record(new byte[] {0}))).getReasonCode())
        .isEqualTo("BAD_VALUE");
    next = rate("USD", "123456789012345678901", "1");
    assertThat(rejection(check.check(record(new byte[] {0}))).getReasonCode())
        .isEqualTo("BAD_VALUE");
    next = rate("USD", "12345678901234567890.0123456789012345678901234567890123456789", "1");
    assertThat(check.check(record(new byte[] {0}))).isInstanceOf(SilverRecordCheck.Accepted.class);

    next =
        ConsensusRate.newBuilder(rate("USD", "1.08", "1"))
            .setDate(LocalDate.of(10_000, 1, 1))
            .build();
    assertThat(rejection(check.check(record(new byte[] {0}))))
        .satisfies(
            r -> {
              assertThat(r.getReasonCode()).isEqualTo("BAD_DATE");
              assertThat(r.getDetail()).contains("+10000-01-01");
            });
    next =
        ConsensusRate.newBuilder(rate("USD", "1.08", "1")).setDate(LocalDate.of(0, 12, 31)).build();
    assertThat(rejection(check.check(record(new byte[] {0}))).getReasonCode())
        .isEqualTo("BAD_DATE");
  }

  private static Rejection rejection(SilverRecordCheck.Outcome outcome) {
    assertThat(outcome).isInstanceOf(SilverRecordCheck.Rejected.class);
    return ((SilverRecordCheck.Rejected) outcome).rejection();
  }

  private static ConsumerRecord<String, byte[]> record(byte[] value) {
    return new ConsumerRecord<>("fx.silver.rates.v1", 2, 17, "2025-03-14/EUR/USD", value);
  }

  private static ConsensusRate rate(String quote, String value, String spread) {
    return ConsensusRate.newBuilder()
        .setDate(LocalDate.of(2025, 3, 14))
        .setBase("EUR")
        .setQuote(quote)
        .setRate(value)
        .setStatus(ConsensusStatus.SINGLE_SOURCE)
        .setDerived(false)
        .setSourceCount(1)
        .setSpreadBps(spread)
        .setConfidenceLow("")
        .setConfidenceHigh("")
        .setRevision(1)
        .setContributions(
            List.of(
                Contribution.newBuilder()
                    .setSourceId("ecb")
                    .setIndependenceGroup("ECB")
                    .setValue("1.0823")
                    .setExtractionId(UUID.randomUUID())
                    .setBronze(new BronzeCoordinates("fx.bronze.extractions.v1", 0, 42L))
                    .setAccepted(true)
                    .build()))
        .build();
  }
}
