package io.makerates.api.rates;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Frankfurter v1's decimal places by size, at each boundary (strictly above it). */
class RoundingTest {

  @Test
  void placesFollowTheSizeOfTheValue() {
    assertThat(round("1326527.6")).isEqualTo("1326528");
    assertThat(round("5000")).isEqualTo("5000"); // not above 5000: two places, none left
    assertThat(round("4999.126")).isEqualTo("4999.13");
    assertThat(round("80.123456")).isEqualTo("80.12");
    assertThat(round("80")).isEqualTo("80"); // 80.000 written as Frankfurter's float would be
    assertThat(round("20.12345")).isEqualTo("20.123");
    assertThat(round("1.123456")).isEqualTo("1.1235");
    assertThat(round("0.84824999")).isEqualTo("0.84825");
    assertThat(round("0.0000655")).isEqualTo("0.000066"); // half away from zero
    assertThat(round("0.0000004")).isEqualTo("0");
  }

  @Test
  void theAmountAlwaysShowsAFraction() {
    assertThat(Rounding.amount(BigDecimal.ONE).toPlainString()).isEqualTo("1.0");
    assertThat(Rounding.amount(new BigDecimal("100")).toPlainString()).isEqualTo("100.0");
    assertThat(Rounding.amount(new BigDecimal("2.50")).toPlainString()).isEqualTo("2.5");
  }

  private static String round(String value) {
    return Rounding.text(new BigDecimal(value));
  }
}
