package io.makerates.streams;

import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import java.util.List;
import java.util.Locale;

/**
 * Everything the rates topology is a function of, besides its serdes: validation limits, the consensus rules, which
 * sources share an upstream, and the bases published besides the EUR pivot ({@code MAKERATES_DERIVED_BASES}, USD by
 * default; empty for none).
 */
public record RatesSettings(ValidationSettings validation, ConsensusSettings consensus, IndependenceGroups groups,
    List<String> derivedBases, ReplayScope replay) {

  public RatesSettings {
    derivedBases = List.copyOf(derivedBases);
  }

  /** Settings for live processing: a replay re-reading answers may re-decide any date. */
  public RatesSettings(ValidationSettings validation, ConsensusSettings consensus, IndependenceGroups groups,
      List<String> derivedBases) {
    this(validation, consensus, groups, derivedBases, ReplayScope.ALL);
  }

  public static RatesSettings defaults() {
    return new RatesSettings(ValidationSettings.defaults(), ConsensusSettings.defaults(), IndependenceGroups.defaults(),
        List.of("USD"));
  }

  public static RatesSettings from(Settings settings) {
    List<String> bases = settings.list("derived.bases", List.of("USD")).stream()
        .map(b -> b.toUpperCase(Locale.ROOT)).toList();
    for (String base : bases) {
      if (!base.matches("[A-Z]{3}")) {
        throw new ConfigException(Settings.variable("derived.bases") + " contains '" + base + "': expected currency codes like USD,GBP");
      }
    }
    return new RatesSettings(ValidationSettings.from(settings), ConsensusSettings.from(settings),
        IndependenceGroups.from(settings), bases, ReplayScope.from(settings));
  }
}
