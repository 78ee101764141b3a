package io.makerates.streams;

import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import io.makerates.streams.history.HistorySettings;
import java.util.List;
import java.util.Locale;

/**
 * Everything the rates topology is a function of, besides its serdes: validation limits, the
 * consensus rules, how a source is checked against its own history, which sources share an
 * upstream, and the bases published besides the EUR pivot ({@code MAKERATES_DERIVED_BASES}, USD by
 * default; empty for none).
 */
public record RatesSettings(
    ValidationSettings validation,
    ConsensusSettings consensus,
    HistorySettings history,
    IndependenceGroups groups,
    List<String> derivedBases,
    ReplayScope replay) {

  public RatesSettings {
    derivedBases = List.copyOf(derivedBases);
  }

  /** Settings for live processing: a replay re-reading answers may re-decide any date. */
  public RatesSettings(
      ValidationSettings validation,
      ConsensusSettings consensus,
      IndependenceGroups groups,
      List<String> derivedBases) {
    this(validation, consensus, HistorySettings.defaults(), groups, derivedBases, ReplayScope.ALL);
  }

  /** The same settings with other history rules. */
  public RatesSettings withHistory(HistorySettings other) {
    return new RatesSettings(validation, consensus, other, groups, derivedBases, replay);
  }

  public static RatesSettings defaults() {
    return new RatesSettings(
        ValidationSettings.defaults(),
        ConsensusSettings.defaults(),
        IndependenceGroups.defaults(),
        List.of("USD"));
  }

  public static RatesSettings from(Settings settings) {
    List<String> bases =
        settings.list("derived.bases", List.of("USD")).stream()
            .map(b -> b.toUpperCase(Locale.ROOT))
            .toList();
    for (String base : bases) {
      if (!base.matches("[A-Z]{3}")) {
        throw new ConfigException(
            Settings.variable("derived.bases")
                + " contains '"
                + base
                + "': expected currency codes like USD,GBP");
      }
    }
    return new RatesSettings(
        ValidationSettings.from(settings),
        ConsensusSettings.from(settings),
        HistorySettings.from(settings),
        IndependenceGroups.from(settings),
        bases,
        ReplayScope.from(settings));
  }
}
