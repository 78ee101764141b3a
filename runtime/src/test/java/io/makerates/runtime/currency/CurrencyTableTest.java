package io.makerates.runtime.currency;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CurrencyTableTest {

  final CurrencyTable table = CurrencyTable.iso4217();

  @Test
  void knowsActiveCodesWithTheirMinorUnits() {
    assertThat(table.find("EUR"))
        .hasValueSatisfying(
            c -> {
              assertThat(c.minorUnits()).isEqualTo(2);
              assertThat(c.validOn(LocalDate.of(2026, 11, 20))).isTrue();
            });
    assertThat(table.find("JPY").orElseThrow().minorUnits()).isZero();
    assertThat(table.find("XAU").orElseThrow().minorUnits()).isNull();
  }

  @Test
  void aRetiredCodeIsValidUntilTheDayBeforeItsTerminalDate() {
    CurrencyTable.Currency bgn = table.find("BGN").orElseThrow();
    assertThat(bgn.successor()).isEqualTo("EUR");
    assertThat(bgn.ratio()).isEqualByComparingTo(new BigDecimal("1.95583"));
    assertThat(bgn.validOn(LocalDate.of(2025, 12, 31))).isTrue();
    assertThat(bgn.validOn(LocalDate.of(2026, 1, 1))).isFalse();
    assertThat(table.find("HRK").orElseThrow().validOn(LocalDate.of(2023, 1, 2))).isFalse();
  }

  @Test
  void aRedenominationThatKeptItsCodeIsInTheLifecycleTable() {
    assertThat(CurrencyTable.iso4217().redenominations("VES"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.on()).isEqualTo(java.time.LocalDate.parse("2021-10-01"));
              assertThat(r.ratio()).isEqualByComparingTo("1000000");
            });
    assertThat(CurrencyTable.iso4217().redenominations("USD")).isEmpty();
  }

  @Test
  void codesIsoNeverListedAreUnknown() {
    assertThat(table.find("FOK")).isEmpty();
    assertThat(table.find("CNH")).isEmpty();
    assertThat(table.find("GGP")).isEmpty();
    assertThat(table.all()).hasSizeGreaterThan(170);
  }
}
