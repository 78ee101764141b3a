package io.makerates.extractor.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.extractor.SourceConfig;
import io.makerates.schema.SourceTier;
import io.makerates.sources.RateSource;
import io.makerates.sources.boc.BankOfCanadaSource;
import io.makerates.sources.ecb.EcbSource;
import io.makerates.sources.frankfurter.FrankfurterSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateSourcesTest {

  @Test
  void knowsEveryType() {
    assertThat(RateSources.types())
        .containsExactlyElementsOf(io.makerates.sources.SourceTypes.byId().keySet())
        .contains(
            "bnr", "boc", "boe", "cbr", "cnb", "ecb", "exchangerate-api", "frankfurter", "nbp");
    assertThat(RateSources.supports("ecb")).isTrue();
    assertThat(RateSources.supports("boc")).isTrue();
    assertThat(RateSources.supports("exchangerate-api")).isTrue();
    assertThat(RateSources.supports("fixer")).isFalse();
  }

  @Test
  void defaultBasesAndEndpoints() {
    assertThat(RateSources.defaultBase("ecb")).isEqualTo("EUR");
    assertThat(RateSources.defaultBase("exchangerate-api")).isEqualTo("USD");
    assertThat(RateSources.defaultBase("boc")).isEqualTo("CAD");
    assertThat(RateSources.defaultBase("frankfurter")).isEqualTo("EUR");
    assertThat(RateSources.defaultBaseUrl("ecb"))
        .isEqualTo("https://www.ecb.europa.eu/stats/eurofxref");
    assertThat(RateSources.defaultBaseUrl("boc")).isEqualTo("https://www.bankofcanada.ca/valet");
    assertThat(RateSources.defaultBaseUrl("frankfurter", true))
        .isEqualTo(RateSources.defaultBaseUrl("frankfurter"));
    assertThat(RateSources.defaultBaseUrl("fixer")).isNull();
  }

  @Test
  void exchangeRateApiLivesOnAnotherHostWhenKeyed() {
    assertThat(RateSources.defaultBaseUrl("exchangerate-api", true))
        .isEqualTo("https://v6.exchangerate-api.com");
    assertThat(RateSources.defaultBaseUrl("exchangerate-api", false))
        .isEqualTo("https://open.er-api.com");
    assertThat(RateSources.defaultBaseUrl("exchangerate-api")).isEqualTo("https://open.er-api.com");
  }

  @Test
  void createsTheAdapterOfEachType() {
    assertThat(RateSources.create(config("ecb", "EUR", false))).isInstanceOf(EcbSource.class);
    assertThat(RateSources.create(config("boc", "CAD", false)))
        .isInstanceOf(BankOfCanadaSource.class);
    assertThat(RateSources.create(config("frankfurter", "EUR", false)))
        .isInstanceOf(FrankfurterSource.class);
    assertThat(RateSources.create(config("ecb", null, false)).type()).isEqualTo("ecb");
    assertThatThrownBy(() -> RateSources.create(config("fixer", "EUR", false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fixer");
  }

  @Test
  void exchangeRateApiFollowsTheKeyAndTheBase() {
    RateSource keyed = RateSources.create(config("exchangerate-api", "EUR", true));
    assertThat(keyed.usesApiKey()).isTrue();
    assertThat(keyed.latest().url().getPath()).isEqualTo("/v6/***/latest/EUR");
    RateSource open = RateSources.create(config("exchangerate-api", null, false));
    assertThat(open.usesApiKey()).isFalse();
    assertThat(open.latest().url().getPath()).isEqualTo("/v6/latest/USD");
  }

  @Test
  void refusesABaseTheSourceDoesNotPublish() {
    assertThatThrownBy(() -> RateSources.create(config("ecb", "USD", false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EUR-based rates only")
        .hasMessageContaining("USD");
    assertThatThrownBy(() -> RateSources.create(config("boc", "USD", false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CAD-based rates only");
  }

  private static SourceConfig config(String type, String base, boolean keyed) {
    String url = RateSources.defaultBaseUrl(type, keyed);
    return new SourceConfig(
        type + "-1",
        type,
        URI.create(url == null ? "https://example.invalid" : url),
        base,
        Duration.ofHours(6),
        SourceTier.PRIMARY,
        keyed ? Path.of("key") : null,
        keyed ? List.of("k") : List.of());
  }
}
