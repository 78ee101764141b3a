package io.makerates.sources.boc;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.sources.ProviderDay;
import io.makerates.sources.RealFixtures;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bank of Canada against its real Valet answer of 12–18 March 2026 (shared/fixtures/real). */
class BankOfCanadaConformanceTest {

  private static final String RECORDED =
      "bank-of-canada/valet_FX_RATES_DAILY_2026-03-12_to_2026-03-18.json";

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(RECORDED); // outside any lambda: skipped when absent
    Set<String> recorded = new LinkedHashSet<>();
    for (ProviderDay day : new BankOfCanadaParser().parse(body)) {
      for (String currency : day.rawRates().keySet()) {
        if (!currency.equals(day.base())) {
          recorded.add(currency);
        }
      }
    }

    // the 23 series with values (THB, MYR and VND have none)
    assertThat(new BankOfCanadaSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(recorded);
  }
}
