package io.makerates.sources.bnr;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.sources.ProviderDay;
import io.makerates.sources.RealFixtures;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** BNR against its real 2026 year file (5 January to 19 August, shared/fixtures/real). */
class NationalBankOfRomaniaConformanceTest {

  private static final String RECORDED = "bnr/nbrfxrates2026_2026-01-05_to_2026-08-19.xml";

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(RECORDED); // outside any lambda: skipped when absent
    Set<String> recorded = new LinkedHashSet<>();
    for (ProviderDay day : new NationalBankOfRomaniaParser().parse(body)) {
      for (String currency : day.rawRates().keySet()) {
        if (!currency.equals(day.base())) {
          recorded.add(currency);
        }
      }
    }

    // its 36 currencies (XAU, per gram, is left out by the parser)
    assertThat(new NationalBankOfRomaniaSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(recorded);
  }
}
