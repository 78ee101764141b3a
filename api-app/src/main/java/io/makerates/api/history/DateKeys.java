package io.makerates.api.history;

import java.time.LocalDate;

/** The star schema's date key, fact_rate's own: 2026-03-04 is 20260304. */
final class DateKeys {

  private DateKeys() {}

  static int key(LocalDate date) {
    return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
  }

  static LocalDate date(int key) {
    return LocalDate.of(key / 10_000, key / 100 % 100, key % 100);
  }
}
