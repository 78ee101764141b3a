package io.makerates.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @Test
  void kafkaVariablesBecomeClientProperties() {
    Settings s =
        new Settings(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "b:9092",
                "KAFKA_SECURITY_PROTOCOL",
                "SSL",
                "MAKERATES_X",
                "y",
                "PATH",
                "/bin"));
    assertThat(s.kafkaProperties())
        .containsOnly(
            Map.entry("bootstrap.servers", "b:9092"), Map.entry("security.protocol", "SSL"));
    assertThat(s.bootstrapServers()).isEqualTo("b:9092");
  }

  @Test
  void appSettingsAreReadFromPrefixedVariables() {
    Settings s =
        new Settings(
            Map.of(
                "MAKERATES_REGISTRY_URL",
                "http://r:8080/apis/registry/v3",
                "MAKERATES_POLL_INTERVAL",
                "6h",
                "MAKERATES_SOURCES",
                "frankfurter, ecb,",
                "MAKERATES_HTTP_PORT",
                "9000"));
    assertThat(s.uri("registry.url", null).getHost()).isEqualTo("r");
    assertThat(s.duration("poll.interval", Duration.ZERO)).isEqualTo(Duration.ofHours(6));
    assertThat(s.list("sources", List.of())).containsExactly("frankfurter", "ecb");
    assertThat(s.integer("http.port", 8080, 0, 65535)).isEqualTo(9000);
    assertThat(s.integer("missing", 7, 0, 10)).isEqualTo(7);
  }

  @Test
  void variablesNothingAskedForAreTheUnreadOnesAcrossDerivedSettings() {
    Settings s =
        new Settings(
            Map.of(
                "MAKERATES_SOURCES",
                "ecb",
                "MAKERATES_SOURCE_ECB_INTREVAL",
                "1h",
                "MAKERATES_TOPIC_PARTITIONS",
                "3",
                "KAFKA_LINGER_MS",
                "5",
                "PATH",
                "/bin"));
    assertThat(s.unread())
        .containsExactly(
            "MAKERATES_SOURCES", "MAKERATES_SOURCE_ECB_INTREVAL", "MAKERATES_TOPIC_PARTITIONS");
    Settings derived = s.with(Map.of("MAKERATES_STATE_DIR", "/tmp/x"));
    s.list("sources", List.of());
    derived.string("state.dir", "");
    derived.duration("source.ecb.interval", Duration.ofHours(6));
    assertThat(s.unread())
        .containsExactly("MAKERATES_SOURCE_ECB_INTREVAL", "MAKERATES_TOPIC_PARTITIONS");
    assertThat(derived.unread())
        .containsExactly("MAKERATES_SOURCE_ECB_INTREVAL", "MAKERATES_TOPIC_PARTITIONS");
  }

  @Test
  void badOrMissingValuesNameTheVariable() {
    Settings s =
        new Settings(
            Map.of(
                "MAKERATES_HTTP_PORT",
                "eighty",
                "MAKERATES_TIMEOUT",
                "soon",
                "MAKERATES_REGISTRY_URL",
                "ftp://x"));
    assertThatThrownBy(() -> s.integer("http.port", 1, 0, 65535))
        .hasMessageContaining("MAKERATES_HTTP_PORT=eighty is not a whole number");
    assertThatThrownBy(() -> s.duration("timeout", Duration.ZERO))
        .hasMessageContaining("MAKERATES_TIMEOUT=soon is not a duration");
    assertThatThrownBy(() -> s.uri("registry.url", null))
        .hasMessageContaining("MAKERATES_REGISTRY_URL=ftp://x is not an http(s) URL");
    assertThatThrownBy(() -> s.required("database.url", "the JDBC URL"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MAKERATES_DATABASE_URL is not set: the JDBC URL");
    assertThatThrownBy(s::bootstrapServers)
        .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS is not set");
  }

  @Test
  void outOfRangeNumbersAreRefused() {
    Settings s = new Settings(Map.of("MAKERATES_HTTP_PORT", "70000"));
    assertThatThrownBy(() -> s.integer("http.port", 1, 0, 65535))
        .hasMessageContaining("out of range");
  }

  @Test
  void aSettingCanBeReadFromTheFileItsFileVariableNames(@TempDir Path dir) throws IOException {
    Path password = Files.writeString(dir.resolve("password"), "s3cret\n");
    Settings s = new Settings(Map.of("MAKERATES_DATABASE_PASSWORD_FILE", password.toString()));
    assertThat(s.required("database.password", "the password")).isEqualTo("s3cret");
    assertThat(s.unread()).isEmpty();
  }

  @Test
  void aSecretFileThatIsMissingEmptyOrDoubledIsRefusedByName(@TempDir Path dir) throws IOException {
    Path empty = Files.writeString(dir.resolve("empty"), " \n");
    assertThatThrownBy(
            () ->
                new Settings(
                        Map.of("MAKERATES_DATABASE_PASSWORD_FILE", dir.resolve("nope").toString()))
                    .optional("database.password"))
        .hasMessage("MAKERATES_DATABASE_PASSWORD_FILE=" + dir.resolve("nope") + " does not exist");
    assertThatThrownBy(
            () ->
                new Settings(Map.of("MAKERATES_DATABASE_PASSWORD_FILE", empty.toString()))
                    .optional("database.password"))
        .hasMessageEndingWith(" is empty");
    assertThatThrownBy(
            () ->
                new Settings(
                        Map.of(
                            "MAKERATES_DATABASE_PASSWORD_FILE",
                            empty.toString(),
                            "MAKERATES_DATABASE_PASSWORD",
                            "x"))
                    .optional("database.password"))
        .hasMessage(
            "MAKERATES_DATABASE_PASSWORD and MAKERATES_DATABASE_PASSWORD_FILE are both set: keep one");
  }
}
