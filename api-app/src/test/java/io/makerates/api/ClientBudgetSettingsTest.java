package io.makerates.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.api.http.ApiServer;
import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code api.budget.*} settings as ApiApp checks them at start. */
class ClientBudgetSettingsTest {

  private static ApiServer.Budget read(Map<String, String> env) {
    return ApiApp.budget(new Settings(env));
  }

  @Test
  void offByDefault() {
    assertThat(read(Map.of()))
        .isEqualTo(new ApiServer.Budget(0, Duration.ofSeconds(60), Optional.empty()));
  }

  @Test
  void readsAllThree() {
    assertThat(
            read(
                Map.of(
                    "MAKERATES_API_BUDGET_REQUESTS", "100",
                    "MAKERATES_API_BUDGET_PERIOD", "3600",
                    "MAKERATES_API_BUDGET_CLIENT_HEADER", "X-Forwarded-For")))
        .isEqualTo(
            new ApiServer.Budget(100, Duration.ofSeconds(3600), Optional.of("X-Forwarded-For")));
  }

  @Test
  void refusesNegativeAbsurdAndMalformedValues() {
    assertThatThrownBy(() -> read(Map.of("MAKERATES_API_BUDGET_REQUESTS", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MAKERATES_API_BUDGET_REQUESTS=-1 is out of range")
        .hasMessageContaining("0 turns the budget off");
    assertThatThrownBy(() -> read(Map.of("MAKERATES_API_BUDGET_REQUESTS", "ten")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not a whole number");
    assertThatThrownBy(() -> read(Map.of("MAKERATES_API_BUDGET_PERIOD", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MAKERATES_API_BUDGET_PERIOD=0 is out of range")
        .hasMessageContaining("in seconds");
    assertThatThrownBy(() -> read(Map.of("MAKERATES_API_BUDGET_PERIOD", "604800")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> read(Map.of("MAKERATES_API_BUDGET_CLIENT_HEADER", "X-Real-IP: 1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not a header name");
  }
}
