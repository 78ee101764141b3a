package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.extractor.ExtractorSettings;
import io.makerates.extractor.SourceConfig;
import io.makerates.extractor.source.RateSources;
import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpConfigurationTest {

  @TempDir Path dir;

  @Test
  void theShellWinsOverTheFileAndTheStackOwnsItsAddresses() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("makerates.env"),
            """
        # two sources, no default one
        MAKERATES_SOURCES=alpha,beta
        export MAKERATES_SOURCE_ALPHA_TYPE="frankfurter"
        MAKERATES_SOURCE_BETA_TYPE = 'frankfurter'
        MAKERATES_SOURCE_BETA_INTERVAL=1h
        KAFKA_LINGER_MS=5
        MAKERATES_REGISTRY_URL=http://elsewhere:8080

        """);
    UpConfiguration config =
        UpConfiguration.resolve(
            Map.of(
                "MAKERATES_SOURCE_BETA_INTERVAL",
                "30m",
                "KAFKA_ACKS",
                "1",
                "MAKERATES_LOG_LEVEL",
                "DEBUG",
                "HOME",
                "/root"),
            Optional.of(file),
            "6h",
            Optional.empty());

    assertThat(config.env())
        .containsEntry("MAKERATES_SOURCES", "alpha,beta")
        .containsEntry("MAKERATES_SOURCE_ALPHA_TYPE", "frankfurter")
        .containsEntry("MAKERATES_SOURCE_BETA_TYPE", "frankfurter")
        .containsEntry("MAKERATES_SOURCE_BETA_INTERVAL", "30m")
        .containsEntry("MAKERATES_SOURCE_ALPHA_INTERVAL", "6h")
        .containsEntry("KAFKA_LINGER_MS", "5")
        .doesNotContainKeys(
            "KAFKA_ACKS",
            "MAKERATES_LOG_LEVEL",
            "HOME",
            "MAKERATES_REGISTRY_URL",
            "MAKERATES_SOURCE_FRANKFURTER_INTERVAL");
    assertThat(config.warnings())
        .singleElement()
        .asString()
        .contains("MAKERATES_REGISTRY_URL (makerates.env) is ignored");
    assertThat(config.describe())
        .contains(
            "MAKERATES_SOURCE_BETA_INTERVAL=30m  (environment)",
            "MAKERATES_SOURCE_ALPHA_INTERVAL=6h  (--poll-interval)",
            "MAKERATES_SOURCES=alpha,beta  (makerates.env)");
  }

  @Test
  void offlinePointsEverySourceAtItsTypesAnswersOnTheStubAndRefusesTypesItDoesNotServe() {
    UpConfiguration config =
        UpConfiguration.resolve(
            Map.of(
                "MAKERATES_SOURCES",
                "frankfurter,mirror",
                "MAKERATES_SOURCE_MIRROR_TYPE",
                "frankfurter",
                "MAKERATES_SOURCE_MIRROR_BASE_URL",
                "https://api.example"),
            Optional.empty(),
            "6h",
            Optional.of("http://127.0.0.1:7777"));
    assertThat(config.env())
        .containsEntry("MAKERATES_SOURCE_FRANKFURTER_BASE_URL", "http://127.0.0.1:7777/frankfurter")
        .containsEntry("MAKERATES_SOURCE_MIRROR_BASE_URL", "http://127.0.0.1:7777/frankfurter");
    assertThat(config.warnings())
        .anyMatch(w -> w.contains("MAKERATES_SOURCE_MIRROR_BASE_URL (environment) is replaced"));

    assertThatThrownBy(
            () ->
                UpConfiguration.resolve(
                    Map.of("MAKERATES_SOURCES", "fixer", "MAKERATES_SOURCE_FIXER_TYPE", "fixer"),
                    Optional.empty(),
                    "6h",
                    Optional.of("http://127.0.0.1:7777")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "source 'fixer' is of type fixer, which the offline stub does not serve");

    // without MAKERATES_SOURCES: the extractor's default sources the stub serves, each at its
    // answers, polled at once, and Frankfurter failing over to the ECB as it does online
    UpConfiguration every =
        UpConfiguration.resolve(
            Map.of(), Optional.empty(), "6h", Optional.of("http://127.0.0.1:7777"));
    assertThat(every.env())
        .containsEntry("MAKERATES_SOURCE_ECB_BASE_URL", "http://127.0.0.1:7777/ecb")
        .containsEntry(
            "MAKERATES_SOURCE_EXCHANGERATE_API_BASE_URL", "http://127.0.0.1:7777/exchangerate-api")
        .containsEntry("MAKERATES_SOURCE_CNB_DAILY_AT", "none")
        .containsEntry("MAKERATES_SOURCE_FRANKFURTER_FAILOVER", "ecb");
    List<SourceConfig> sources = ExtractorSettings.from(withStack(every.env())).sources();
    assertThat(sources)
        .extracting(SourceConfig::id)
        .containsExactlyInAnyOrderElementsOf(
            RateSources.keyless().stream().filter(OfflineSourceStub::serves).toList())
        .hasSizeGreaterThanOrEqualTo(30);
    assertThat(sources)
        .filteredOn(s -> s.id().equals("frankfurter"))
        .singleElement()
        .satisfies(s -> assertThat(s.failover()).containsExactly("ecb"));
    assertThat(sources)
        .allSatisfy(s -> assertThat(s.baseUrl().toString()).startsWith("http://127.0.0.1:7777"));
  }

  @Test
  void thePollIntervalIsEveryDefaultSourcesOnline() {
    UpConfiguration online =
        UpConfiguration.resolve(Map.of(), Optional.empty(), "2h", Optional.empty());
    assertThat(online.env())
        .doesNotContainKey("MAKERATES_SOURCES")
        .containsEntry("MAKERATES_SOURCE_FRANKFURTER_INTERVAL", "2h")
        .containsEntry("MAKERATES_SOURCE_CBR_INTERVAL", "2h");
  }

  @Test
  void secretsAreRedactedAndKeyFilesAreNot() {
    UpConfiguration config =
        UpConfiguration.resolve(
            Map.of(
                "MAKERATES_SOURCE_X_API_KEY",
                "abc123",
                "MAKERATES_SOURCE_X_API_KEY_FILE",
                "/run/secrets/x",
                "MAKERATES_SOURCES",
                "frankfurter"),
            Optional.empty(),
            "6h",
            Optional.empty());
    assertThat(config.describe())
        .contains(
            "MAKERATES_SOURCE_X_API_KEY=********  (environment)",
            "MAKERATES_SOURCE_X_API_KEY_FILE=/run/secrets/x  (environment)");
    assertThat(String.join("\n", config.describe())).doesNotContain("abc123");
  }

  @Test
  void aBadFileLineOrAForeignVariableIsAClearError() throws Exception {
    Path bad =
        Files.writeString(dir.resolve("bad.env"), "MAKERATES_SOURCES=ecb\nthis is not a setting\n");
    assertThatThrownBy(() -> UpConfiguration.readFile(bad))
        .hasMessageContaining("bad.env line 2 is not NAME=value");
    Path foreign = Files.writeString(dir.resolve("foreign.env"), "JAVA_HOME=/opt/jdk\n");
    assertThatThrownBy(() -> UpConfiguration.readFile(foreign))
        .hasMessageContaining("sets JAVA_HOME: the apps read only");
    assertThatThrownBy(() -> UpConfiguration.readFile(dir.resolve("missing.env")))
        .hasMessage("the configuration file " + dir.resolve("missing.env") + " is not found");
  }

  @Test
  void everyUnreadVariableOfTheFileIsNamedButOfTheShellOnlyTyposAndUnlistedSources()
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("makerates.env"),
            """
        MAKERATES_SOURCES=ecb,boc
        MAKERATES_SOURCE_BOC_INTREVAL=1h
        MAKERATES_NOTES=for the team
        """);
    UpConfiguration config =
        UpConfiguration.resolve(
                Map.of(
                    "MAKERATES_BACKUP_DIR", "/srv/backup",
                    "MAKERATES_CONSENSUS_TOLERANSE_BPS", "100",
                    "MAKERATES_SOURCE_CNB_INTERVAL", "1h",
                    "MAKERATES_SOURCE_EBC_INTERVAL", "1h",
                    "MAKERATES_SOURCE_ECB_MIRROR_BASE_URL", "https://mirror.example"),
                Optional.of(file),
                "6h",
                Optional.empty())
            .checked();
    assertThat(config.warnings())
        .containsExactlyInAnyOrder(
            "MAKERATES_CONSENSUS_TOLERANSE_BPS (environment) is not read by any app: a typo of"
                + " MAKERATES_CONSENSUS_TOLERANCE_BPS?",
            "MAKERATES_NOTES (makerates.env) is not read by any app: a typo, or a setting of a"
                + " source that MAKERATES_SOURCES does not list?",
            "MAKERATES_SOURCE_BOC_INTREVAL (makerates.env) is not read by any app: a typo of"
                + " MAKERATES_SOURCE_BOC_INTERVAL?",
            "MAKERATES_SOURCE_CNB_INTERVAL (environment) is not read by any app: a setting of"
                + " source 'cnb', which MAKERATES_SOURCES does not list?",
            "MAKERATES_SOURCE_EBC_INTERVAL (environment) is not read by any app: a typo of"
                + " MAKERATES_SOURCE_ECB_INTERVAL, or a setting of source 'ebc', which"
                + " MAKERATES_SOURCES does not list?",
            "MAKERATES_SOURCE_ECB_MIRROR_BASE_URL (environment) is not read by any app: a setting"
                + " of source 'ecb-mirror', which MAKERATES_SOURCES does not list?");
    assertThat(config.env()).containsEntry("MAKERATES_BACKUP_DIR", "/srv/backup");
  }

  @Test
  void everyAppsSettingsAreCheckedBeforeAnythingStarts() {
    for (Map.Entry<String, String> bad :
        Map.of(
                "MAKERATES_CONSENSUS_TOLERANCE_BPS", "abc",
                "MAKERATES_HISTORY_K", "0",
                "MAKERATES_SOURCE_ECB_INTERVAL", "banana",
                "MAKERATES_SINK_WRITERS", "99")
            .entrySet()) {
      assertThatThrownBy(
              () ->
                  UpConfiguration.resolve(
                          Map.of(bad.getKey(), bad.getValue()),
                          Optional.empty(),
                          "6h",
                          Optional.empty())
                      .checked())
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith(bad.getKey() + "=" + bad.getValue());
    }
  }

  private static Settings withStack(Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.putAll(LocalStack.STAND_INS);
    return new Settings(all);
  }
}
