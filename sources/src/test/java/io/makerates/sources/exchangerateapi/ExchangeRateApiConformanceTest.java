package io.makerates.sources.exchangerateapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.sources.ProviderDay;
import io.makerates.sources.RealFixtures;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * open.er-api.com against its real answers (shared/fixtures/real): a full answer of 19 September
 * 2026 cut to six rates, and the whole {@code rates} object (166 codes) of another USD answer kept
 * without its envelope.
 */
class ExchangeRateApiConformanceTest {

  private static final String FULL_ENVELOPE =
      "exchangerate-api/open-er-api_v6_latest_USD_2026-09-19_trimmed__dw650.json";
  private static final String RATES_OBJECT =
      "exchangerate-api/open-er-api_rates-object-only_USD__SalaryScope.json";

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] rates = RealFixtures.file(RATES_OBJECT); // outside any lambda: skipped when absent
    byte[] trimmed = RealFixtures.file(FULL_ENVELOPE);
    // the recorded rates object is every code of a real answer; the parser reads it in the
    // envelope the answer came in, which that recording did not keep
    byte[] whole =
        ("{\"result\":\"success\",\"time_last_update_unix\":1789776151,\"base_code\":\"USD\","
                + "\"rates\":"
                + new String(rates, StandardCharsets.UTF_8)
                + "}")
            .getBytes(StandardCharsets.UTF_8);

    Set<String> recorded = currencies(whole);
    assertThat(new ExchangeRateApiSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(recorded)
        .containsAll(currencies(trimmed));
  }

  private static Set<String> currencies(byte[] body) throws Exception {
    Set<String> currencies = new LinkedHashSet<>();
    for (ProviderDay day : new ExchangeRateApiParser().parse(body)) {
      for (String currency : day.rawRates().keySet()) {
        if (!currency.equals(day.base())) {
          currencies.add(currency);
        }
      }
    }
    return currencies;
  }
}
