package io.makerates.streams;

import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import java.math.BigDecimal;

/**
 * Limits of validation: EUR-pivot rates outside [{@code minRate}, {@code maxRate}] are implausible
 * (the widest real ones, EUR→IRR and EUR→VND, are in the tens of thousands; the smallest, EUR→KWD,
 * about 0.3); a "latest" answer older than {@code staleLatestDays} before its extraction is stale
 * (the longest ECB gap, over Easter, is four days).
 */
public record ValidationSettings(BigDecimal minRate, BigDecimal maxRate, int staleLatestDays) {

  public static ValidationSettings defaults() {
    return new ValidationSettings(new BigDecimal("0.0001"), new BigDecimal("10000000"), 5);
  }

  /** {@code MAKERATES_VALIDATION_MIN_RATE}, {@code _MAX_RATE}, {@code _STALE_LATEST_DAYS}. */
  public static ValidationSettings from(Settings settings) {
    ValidationSettings d = defaults();
    BigDecimal min = decimal(settings, "validation.min.rate", d.minRate());
    BigDecimal max = decimal(settings, "validation.max.rate", d.maxRate());
    if (min.signum() <= 0 || max.compareTo(min) <= 0) {
      throw new ConfigException(
          Settings.variable("validation.min.rate")
              + " and "
              + Settings.variable("validation.max.rate")
              + " must be positive with the minimum below the maximum, not "
              + min
              + " and "
              + max);
    }
    return new ValidationSettings(
        min, max, settings.integer("validation.stale.latest.days", d.staleLatestDays(), 1, 366));
  }

  private static BigDecimal decimal(Settings settings, String key, BigDecimal fallback) {
    String text = settings.string(key, fallback.toPlainString());
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new ConfigException(Settings.variable(key) + "=" + text + " is not a decimal number");
    }
  }
}
