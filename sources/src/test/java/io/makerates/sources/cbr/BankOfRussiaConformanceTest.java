package io.makerates.sources.cbr;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.sources.ProviderDay;
import io.makerates.sources.RealFixtures;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bank of Russia against its real XML_daily list of 25 April 2026 (shared/fixtures/real). */
class BankOfRussiaConformanceTest {

  private static final String RECORDED = "cbr/XML_daily_2026-04-25.xml";

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(RECORDED); // outside any lambda: skipped when absent
    Set<String> recorded = new LinkedHashSet<>();
    for (ProviderDay day : new BankOfRussiaParser().parse(body)) {
      for (String currency : day.rawRates().keySet()) {
        if (!currency.equals(day.base())) {
          recorded.add(currency);
        }
      }
    }

    // the 54 currencies of the list
    assertThat(new BankOfRussiaSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(recorded);
  }
}
