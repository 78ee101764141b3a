package io.makerates.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import io.makerates.schema.SourceTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractorSettingsTest {

  static final Map<String, String> MINIMAL =
      Map.of("MAKERATES_REGISTRY_URL", "http://127.0.0.1:8081/apis/registry/v3");

  @Test
  void defaultsToOneSourceOfEveryTypeWithFrankfurterFailingOverToTheEcb() {
    ExtractorSettings settings = ExtractorSettings.from(new Settings(MINIMAL));

    assertThat(settings.sources())
        .extracting(SourceConfig::id)
        .containsExactlyElementsOf(io.makerates.extractor.source.RateSources.keyless())
        .contains(
            "frankfurter", "ecb", "exchangerate-api", "boc", "cnb", "nbp", "bnr", "boe", "cbr")
        .isSorted();
    assertThat(settings.sources())
        .allSatisfy(
            s -> {
              assertThat(s.type()).isEqualTo(s.id());
              assertThat(s.tier()).isEqualTo(SourceTier.PRIMARY);
              assertThat(s.secrets()).isEmpty();
              assertThat(s.quota()).isNull();
            });
    assertThat(frankfurter(settings))
        .satisfies(
            s -> {
              assertThat(s.baseUrl()).hasToString("https://api.frankfurter.dev");
              assertThat(s.interval()).isEqualTo(Duration.ofHours(6));
              assertThat(s.failover()).containsExactly("ecb");
            });
    // the central banks are polled at their own publication time, in their own zone
    assertThat(settings.sources())
        .filteredOn(s -> s.id().equals("cnb"))
        .singleElement()
        .satisfies(
            s -> assertThat(s.schedule().toString()).startsWith("weekdays at 14:35 Europe/Prague"));
    // naming the sources drops the default failover with the default list
    assertThat(
            ExtractorSettings.from(
                    new Settings(
                        java.util.Map.of(
                            "MAKERATES_REGISTRY_URL",
                            "http://r/apis/registry/v3",
                            "MAKERATES_SOURCES",
                            "frankfurter")))
                .sources())
        .singleElement()
        .satisfies(s -> assertThat(s.failover()).isEmpty());
    assertThat(settings.http().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.http().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.http().userAgent())
        .startsWith("MakeRates/")
        .endsWith("(+https://github.com/makerates; ops@makerates.example)");
    assertThat(settings.audit().dataClassification()).isEqualTo("internal");
    assertThat(settings.audit().retentionPolicy()).isEqualTo("keep-5-years");
    assertThat(settings.audit().instance()).isEqualTo(settings.audit().host());
  }

  @Test
  void readsEachSourceFromItsOwnVariables(@TempDir Path dir) throws IOException {
    Path keyFile = Files.writeString(dir.resolve("key"), "s3cr3t-key\n");
    Map<String, String> env = new HashMap<>(MINIMAL);
    env.put("MAKERATES_SOURCES", "frankfurter, frankfurter-mirror");
    env.put("MAKERATES_SOURCE_FRANKFURTER_MIRROR_TYPE", "frankfurter");
    env.put("MAKERATES_SOURCE_FRANKFURTER_MIRROR_BASE_URL", "http://127.0.0.1:9999/stub");
    env.put("MAKERATES_SOURCE_FRANKFURTER_MIRROR_INTERVAL", "15m");
    env.put("MAKERATES_SOURCE_FRANKFURTER_MIRROR_TIER", "fallback");
    env.put("MAKERATES_SOURCE_FRANKFURTER_MIRROR_API_KEY_FILE", keyFile.toString());
    env.put("MAKERATES_CONTACT", "fx@example.org");
    env.put("MAKERATES_INSTANCE", "extractor-0");

    ExtractorSettings settings = ExtractorSettings.from(new Settings(env));

    SourceConfig mirror = settings.sources().get(1);
    assertThat(mirror.id()).isEqualTo("frankfurter-mirror");
    assertThat(mirror.baseUrl()).hasToString("http://127.0.0.1:9999/stub");
    assertThat(mirror.interval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(mirror.tier()).isEqualTo(SourceTier.FALLBACK);
    assertThat(settings.secrets()).containsExactly("s3cr3t-key");
    assertThat(settings.http().userAgent()).contains("fx@example.org");
    assertThat(settings.audit().instance()).isEqualTo("extractor-0");
  }

  @Test
  void readsQuotaRateLimitAndFailoverPerSource() {
    Map<String, String> env = new HashMap<>(MINIMAL);
    env.put("MAKERATES_SOURCES", "frankfurter,mirror");
    env.put("MAKERATES_SOURCE_MIRROR_TYPE", "frankfurter");
    env.put("MAKERATES_SOURCE_FRANKFURTER_QUOTA", "100/day");
    env.put("MAKERATES_SOURCE_FRANKFURTER_QUOTA_WARN", "0.9");
    env.put("MAKERATES_SOURCE_FRANKFURTER_RATE_LIMIT", "1/10s");
    env.put("MAKERATES_SOURCE_FRANKFURTER_FAILOVER", "Mirror");
    env.put("MAKERATES_KEY_GRACE", "2h");

    ExtractorSettings settings = ExtractorSettings.from(new Settings(env));

    SourceConfig frankfurter = frankfurter(settings);
    assertThat(frankfurter.quota()).hasToString("100/day");
    assertThat(frankfurter.quota().warnAt()).isEqualTo(0.9);
    assertThat(frankfurter.rateLimit().permits()).isEqualTo(1);
    assertThat(frankfurter.rateLimit().period()).isEqualTo(Duration.ofSeconds(10));
    assertThat(frankfurter.failover()).containsExactly("mirror");
    assertThat(settings.sources().get(1).quota()).isNull();
    assertThat(settings.sources().get(1).rateLimit()).isEqualTo(RateLimit.DEFAULT);
    assertThat(settings.keyGrace()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void aKeyedExchangeRateApiSourceDefaultsToTheKeyedHostAndItsQuota(@TempDir Path dir)
      throws IOException {
    Path keyFile = Files.writeString(dir.resolve("key"), "k3y");
    Map<String, String> env = new HashMap<>(MINIMAL);
    env.put("MAKERATES_SOURCES", "erapi,erapi-open");
    env.put("MAKERATES_SOURCE_ERAPI_TYPE", "exchangerate-api");
    env.put("MAKERATES_SOURCE_ERAPI_API_KEY_FILE", keyFile.toString());
    env.put("MAKERATES_SOURCE_ERAPI_OPEN_TYPE", "exchangerate-api");

    ExtractorSettings settings = ExtractorSettings.from(new Settings(env));

    assertThat(settings.sources().get(0).baseUrl()).hasToString("https://v6.exchangerate-api.com");
    assertThat(settings.sources().get(0).quota()).hasToString("1500/month");
    assertThat(settings.sources().get(0).base()).isEqualTo("USD");
    assertThat(settings.sources().get(1).baseUrl()).hasToString("https://open.er-api.com");
    assertThat(settings.sources().get(1).quota()).isNull();
    assertBad(
        Map.of("MAKERATES_SOURCES", "ecb", "MAKERATES_SOURCE_ECB_BASE", "USD"),
        "EUR-based rates only");
    assertThat(
            ExtractorSettings.from(new Settings(MINIMAL).with(Map.of("MAKERATES_SOURCES", "ecb")))
                .sources()
                .get(0)
                .schedule())
        .isInstanceOf(SourceSchedule.Daily.class);
  }

  @Test
  void aSourceCanBePolledDailyInItsOwnTimeZone() {
    ExtractorSettings settings =
        ExtractorSettings.from(
            new Settings(MINIMAL)
                .with(
                    Map.of(
                        "MAKERATES_SOURCE_FRANKFURTER_DAILY_AT",
                        "16:30",
                        "MAKERATES_SOURCE_FRANKFURTER_ZONE",
                        "Europe/Berlin",
                        "MAKERATES_SOURCE_FRANKFURTER_RECHECK",
                        "10m")));

    assertThat(frankfurter(settings).schedule())
        .isEqualTo(
            new SourceSchedule.Daily(
                java.time.LocalTime.of(16, 30),
                java.time.ZoneId.of("Europe/Berlin"),
                Duration.ofMinutes(10),
                java.time.LocalTime.of(19, 0)));
    assertThat(frankfurter(ExtractorSettings.from(new Settings(MINIMAL))).schedule())
        .isEqualTo(new SourceSchedule.Every(Duration.ofHours(6)));
    assertBad(
        Map.of("MAKERATES_SOURCE_FRANKFURTER_DAILY_AT", "4pm"),
        "MAKERATES_SOURCE_FRANKFURTER_DAILY_AT");
    assertBad(
        Map.of(
            "MAKERATES_SOURCE_FRANKFURTER_DAILY_AT",
            "16:00",
            "MAKERATES_SOURCE_FRANKFURTER_ZONE",
            "Mars/Base"),
        "MAKERATES_SOURCE_FRANKFURTER_ZONE");
  }

  @Test
  void rejectsBadValuesNamingTheVariable() {
    assertThatThrownBy(() -> ExtractorSettings.from(new Settings(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MAKERATES_REGISTRY_URL");
    assertBad(
        Map.of("MAKERATES_SOURCE_FRANKFURTER_TIER", "gold"), "MAKERATES_SOURCE_FRANKFURTER_TIER");
    assertBad(Map.of("MAKERATES_SOURCES", "ecbx"), "MAKERATES_SOURCE_ECBX_TYPE");
    assertBad(Map.of("MAKERATES_SOURCES", "frankfurter,frankfurter"), "twice");
    assertBad(Map.of("MAKERATES_SOURCES", "Bad_Id!"), "MAKERATES_SOURCES");
    assertBad(
        Map.of("MAKERATES_SOURCE_FRANKFURTER_INTERVAL", "0s"),
        "MAKERATES_SOURCE_FRANKFURTER_INTERVAL");
    assertBad(
        Map.of("MAKERATES_SOURCE_FRANKFURTER_BASE_URL", "ftp://x"),
        "MAKERATES_SOURCE_FRANKFURTER_BASE_URL");
    assertBad(Map.of("MAKERATES_HTTP_REQUEST_TIMEOUT", "soon"), "MAKERATES_HTTP_REQUEST_TIMEOUT");
    assertBad(
        Map.of("MAKERATES_SOURCE_FRANKFURTER_API_KEY_FILE", "/nonexistent/key"),
        "MAKERATES_SOURCE_FRANKFURTER_API_KEY_FILE");
    assertBad(
        Map.of("MAKERATES_SOURCE_FRANKFURTER_QUOTA", "100/week"),
        "MAKERATES_SOURCE_FRANKFURTER_QUOTA");
    assertBad(
        Map.of("MAKERATES_SOURCE_FRANKFURTER_QUOTA_WARN", "most"),
        "MAKERATES_SOURCE_FRANKFURTER_QUOTA_WARN");
    assertBad(
        Map.of("MAKERATES_SOURCE_FRANKFURTER_RATE_LIMIT", "fast"),
        "MAKERATES_SOURCE_FRANKFURTER_RATE_LIMIT");
    assertBad(
        Map.of("MAKERATES_SOURCE_FRANKFURTER_FAILOVER", "mirror"),
        "MAKERATES_SOURCE_FRANKFURTER_FAILOVER");
    assertBad(
        Map.of("MAKERATES_SOURCE_FRANKFURTER_BASE", "euro"), "MAKERATES_SOURCE_FRANKFURTER_BASE");
  }

  private static void assertBad(Map<String, String> overrides, String mentioned) {
    assertThatThrownBy(() -> ExtractorSettings.from(new Settings(MINIMAL).with(overrides)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(mentioned);
  }

  private static SourceConfig frankfurter(ExtractorSettings settings) {
    return settings.sources().stream().filter(s -> s.id().equals("frankfurter")).findFirst().get();
  }
}
