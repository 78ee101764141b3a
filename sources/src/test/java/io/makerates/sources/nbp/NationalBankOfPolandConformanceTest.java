package io.makerates.sources.nbp;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.sources.ProviderDay;
import io.makerates.sources.RealFixtures;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** NBP against its real Table A answer of 2–5 March 2026 (shared/fixtures/real). */
class NationalBankOfPolandConformanceTest {

  private static final String RECORDED = "nbp/tables_A_2026-03-02_to_2026-03-05.json";

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(RECORDED); // outside any lambda: skipped when absent
    Set<String> recorded = new LinkedHashSet<>();
    for (ProviderDay day : new NationalBankOfPolandParser().parse(body)) {
      for (String currency : day.rawRates().keySet()) {
        if (!currency.equals(day.base())) {
          recorded.add(currency);
        }
      }
    }

    // the 32 currencies of Table A
    assertThat(new NationalBankOfPolandSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(recorded);
  }
}
