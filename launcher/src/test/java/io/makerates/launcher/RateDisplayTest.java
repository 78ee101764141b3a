package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The display rule of {@code rates}: what a person reads, never what is stored. */
class RateDisplayTest {

  @Test
  void aRateShowsSixSignificantDigitsWithoutTrailingZeros() {
    assertThat(RateDisplay.rate(new BigDecimal("1.63128928773996816845"))).isEqualTo("1.63129");
    assertThat(RateDisplay.rate(new BigDecimal("1.1582"))).isEqualTo("1.1582");
    assertThat(RateDisplay.rate(new BigDecimal("1.15820000"))).isEqualTo("1.1582");
    assertThat(RateDisplay.rate(new BigDecimal("161.23456789"))).isEqualTo("161.235");
    assertThat(RateDisplay.rate(new BigDecimal("0.000123456789"))).isEqualTo("0.000123457");
    assertThat(RateDisplay.rate(new BigDecimal("25"))).isEqualTo("25");
  }

  @Test
  void anIntegerPartIsNeverRoundedAway() {
    assertThat(RateDisplay.rate(new BigDecimal("1234567.89"))).isEqualTo("1234568");
    assertThat(RateDisplay.rate(new BigDecimal("17523.4567"))).isEqualTo("17523.5");
    assertThat(RateDisplay.rate(new BigDecimal("100.0000"))).isEqualTo("100");
  }

  @Test
  void roundingIsHalfEven() {
    assertThat(RateDisplay.rate(new BigDecimal("1.000005"))).isEqualTo("1");
    assertThat(RateDisplay.rate(new BigDecimal("1.000015"))).isEqualTo("1.00002");
  }

  @Test
  void spreadsLineUpWithTwoDecimals() {
    assertThat(RateDisplay.spreadBps(new BigDecimal("5"))).isEqualTo("5.00");
    assertThat(RateDisplay.spreadBps(new BigDecimal("4.99"))).isEqualTo("4.99");
    assertThat(RateDisplay.spreadBps(BigDecimal.ZERO)).isEqualTo("0.00");
    assertThat(RateDisplay.spreadBps(new BigDecimal("12.3456"))).isEqualTo("12.35");
    assertThat(RateDisplay.spreadBps(null)).isEqualTo("-");
  }
}
