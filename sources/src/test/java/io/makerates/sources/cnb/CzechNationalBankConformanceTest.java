package io.makerates.sources.cnb;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.sources.ProviderDay;
import io.makerates.sources.RealFixtures;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CNB against its real daily-year answer of 2 January to 2 April 2026 (shared/fixtures/real). */
class CzechNationalBankConformanceTest {

  private static final String RECORDED = "cnb/daily-year_2026_2026-01-02_to_2026-04-02.json";

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(RECORDED); // outside any lambda: skipped when absent
    Set<String> recorded = new LinkedHashSet<>();
    for (ProviderDay day : new CzechNationalBankParser().parse(body)) {
      for (String currency : day.rawRates().keySet()) {
        if (!currency.equals(day.base())) {
          recorded.add(currency);
        }
      }
    }

    // the 30 currencies of the fixing
    assertThat(new CzechNationalBankSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(recorded);
  }
}
