package io.makerates.sources.frankfurter;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.sources.ProviderDay;
import io.makerates.sources.RealFixtures;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Frankfurter against its real full EUR answer of 25 September 2026 (shared/fixtures/real). */
class FrankfurterConformanceTest {

  private static final String RECORDED =
      "frankfurter/v1_latest_full-EUR_2026-09-25__AllramEst83.json";

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(RECORDED); // outside any lambda: skipped when absent
    Set<String> recorded = new LinkedHashSet<>();
    for (ProviderDay day : new FrankfurterParser().parse(body)) {
      for (String currency : day.rawRates().keySet()) {
        if (!currency.equals(day.base())) {
          recorded.add(currency);
        }
      }
    }

    // its 29 quotes
    assertThat(new FrankfurterSamples().currencies()).containsExactlyInAnyOrderElementsOf(recorded);
  }
}
