package io.makerates.sources;

import java.time.LocalDate;
import java.util.Map;

/**
 * One day of one provider answer, as the provider sent it: its base and each currency's value as
 * decimal text (null when the value was not a number at all). Validation happens later, per
 * currency.
 */
public record ProviderDay(LocalDate date, String base, Map<String, String> rawRates) {}
