package io.makerates.sources.bob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.ProviderError;
import io.makerates.sources.RealFixtures;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The BoB adapter and parser over the real whole-history export (see shared/fixtures/real). */
class BankOfBotswanaConformanceTest {

  private static final String FILE = "bob/exchange-rates_2001-01-03_to_2026-03-19.csv";
  private final BankOfBotswanaSource source =
      new BankOfBotswanaSource(URI.create(BankOfBotswanaSource.DEFAULT_BASE_URL));

  @Test
  void readsTheWholeHistoryInDateOrderAsForeignPerBwp() throws Exception {
    List<ProviderDay> days = new BankOfBotswanaParser().parse(RealFixtures.file(FILE));
    Map<LocalDate, ProviderDay> byDate =
        days.stream().collect(Collectors.toMap(ProviderDay::date, Function.identity()));

    // 6,244 dates less the three listed twice with different values
    assertThat(days).hasSize(6241);
    assertThat(days.get(0).date()).isEqualTo(LocalDate.of(2001, 1, 3));
    ProviderDay last = days.get(days.size() - 1);
    assertThat(last.date()).isEqualTo(LocalDate.of(2026, 3, 19));
    assertThat(last.base()).isEqualTo("BWP");
    assertThat(last.rawRates()).containsOnlyKeys("CNY", "EUR", "GBP", "USD", "XDR", "JPY", "ZAR");
    assertThat(new BigDecimal(last.rawRates().get("EUR"))).isEqualByComparingTo("0.0653");
    assertThat(new BigDecimal(last.rawRates().get("USD"))).isEqualByComparingTo("0.0748");
    assertThat(new BigDecimal(last.rawRates().get("JPY"))).isEqualByComparingTo("11.95");
    assertThat(new BigDecimal(last.rawRates().get("XDR"))).isEqualByComparingTo("0.0551");
    // 0.0000 is no rate: CNY is not published in 2009
    assertThat(byDate.get(LocalDate.of(2009, 4, 27)).rawRates())
        .hasSize(6)
        .doesNotContainKey("CNY");
    assertThat(byDate).doesNotContainKeys(LocalDate.of(2019, 8, 13), LocalDate.of(2018, 1, 17));
    assertThat(byDate).containsKey(LocalDate.of(2019, 2, 9)); // the one Saturday, as published
  }

  @Test
  void recognisesTheExportAndRefusesAnHtmlPage() throws Exception {
    byte[] body = RealFixtures.file(FILE);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.providerError(200, "<!DOCTYPE html><html></html>".getBytes()))
        .get()
        .extracting(ProviderError::kind)
        .isEqualTo(ProviderError.Kind.MALFORMED);
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 19));
  }

  @Test
  void everyRequestAsksForTheWholeExportAsRecorded() throws Exception {
    URI recorded =
        URI.create(
            new ObjectMapper()
                .readTree(RealFixtures.file(FILE + ".response-meta.json"))
                .path("request_uri")
                .asText());
    assertThat(source.latest().url()).isEqualTo(recorded);
    assertThat(source.day(LocalDate.of(2026, 3, 19)).url()).isEqualTo(recorded);
    assertThat(source.range(LocalDate.of(2001, 1, 3), LocalDate.of(2026, 3, 19)).requestedFrom())
        .isEqualTo(LocalDate.of(2001, 1, 3));
  }

  @Test
  void refusesARowThatDoesNotMatchTheHeader() {
    String broken = "Date,EUR,USD\n\"19 Mar 2026\",0.0653\n";
    assertThatThrownBy(
            () -> new BankOfBotswanaParser().parse(broken.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AnswerRejectedException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(FILE);
    Set<String> recorded = new TreeSet<>();
    for (ProviderDay day : new BankOfBotswanaParser().parse(body)) {
      recorded.addAll(day.rawRates().keySet());
      recorded.remove(day.base());
    }
    assertThat(new BankOfBotswanaSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(recorded);
  }
}
