package io.makerates.sources.boe;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.sources.ProviderDay;
import io.makerates.sources.RealFixtures;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bank of England against its real CSV export of 17–20 March 2026 (shared/fixtures/real). */
class BankOfEnglandConformanceTest {

  private static final String RECORDED =
      "boe/iadb-fromshowcolumns_CSVF-TN_XUDL-26-series_2026-03-17_to_2026-03-20.csv";

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(RECORDED); // outside any lambda: skipped when absent
    Set<String> recorded = new LinkedHashSet<>();
    for (ProviderDay day : new BankOfEnglandParser().parse(body)) {
      for (String currency : day.rawRates().keySet()) {
        if (!currency.equals(day.base())) {
          recorded.add(currency);
        }
      }
    }

    // the 26 spot series
    assertThat(new BankOfEnglandSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(recorded);
  }
}
