package io.makerates.sources.nbe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.ProviderError;
import io.makerates.sources.RealFixtures;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The NBE adapter and parser over real daily lists (see shared/fixtures/real/README.md). */
class NationalBankOfEthiopiaConformanceTest {

  private static final String FILE = "nbe/filter-exchange-rates_2026-05-18.json";
  private static final byte[] ERROR =
      "{\"success\":false,\"message\":\"The date field must be a valid date.\",\"status\":422}"
          .getBytes(StandardCharsets.UTF_8);
  private final NationalBankOfEthiopiaSource source =
      new NationalBankOfEthiopiaSource(
          URI.create(NationalBankOfEthiopiaSource.DEFAULT_BASE_URL),
          Clock.fixed(Instant.parse("2026-05-18T22:30:00Z"), ZoneOffset.UTC));

  @Test
  void readsTheMidOfBuyingAndSellingAsEtbToForeign() throws Exception {
    List<ProviderDay> days = new NationalBankOfEthiopiaParser().parse(RealFixtures.file(FILE));

    assertThat(days).hasSize(1);
    ProviderDay day = days.get(0);
    assertThat(day.date()).isEqualTo(LocalDate.of(2026, 5, 18));
    assertThat(day.base()).isEqualTo("ETB");
    assertThat(day.rawRates()).hasSize(19).containsKeys("XDR", "DJF", "KES", "KWD");
    // USD: the mid (158.01315), not the weighted average that equals the buying rate
    assertThat(new BigDecimal(day.rawRates().get("USD")))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(new BigDecimal("158.01315"), MathContext.DECIMAL128));
    assertThat(new BigDecimal(day.rawRates().get("EUR")))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(new BigDecimal("183.7377"), MathContext.DECIMAL128));
    // the yen per one unit, mid 0.99645
    assertThat(new BigDecimal(day.rawRates().get("JPY")))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(new BigDecimal("0.99645"), MathContext.DECIMAL128));
    assertThat(
            new NationalBankOfEthiopiaParser()
                .parse(RealFixtures.file("nbe/filter-exchange-rates_2026-05-20.json"))
                .get(0)
                .date())
        .isEqualTo(LocalDate.of(2026, 5, 20));
  }

  @Test
  void recognisesTheListAndTheProvidersError() throws Exception {
    byte[] body = RealFixtures.file(FILE);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.providerError(200, "<html>Bad gateway</html>".getBytes()))
        .get()
        .extracting(ProviderError::kind)
        .isEqualTo(ProviderError.Kind.MALFORMED);
    assertThat(source.providerError(422, ERROR))
        .get()
        .extracting(ProviderError::kind)
        .isEqualTo(ProviderError.Kind.OTHER);
    assertThatThrownBy(() -> new NationalBankOfEthiopiaParser().parse(ERROR))
        .isInstanceOf(AnswerRejectedException.class)
        .extracting(e -> ((AnswerRejectedException) e).reason())
        .isEqualTo(ReasonCode.PROVIDER_ERROR);
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 5, 18));
  }

  @Test
  void requestsAskForOneDayAsRecorded() throws Exception {
    URI recorded =
        URI.create(
            new ObjectMapper()
                .readTree(RealFixtures.file(FILE + ".response-meta.json"))
                .path("request_uri")
                .asText());
    assertThat(source.day(LocalDate.of(2026, 5, 18)).url()).isEqualTo(recorded);
    assertThat(source.range(LocalDate.of(2026, 5, 18), LocalDate.of(2026, 5, 18)).url())
        .isEqualTo(recorded);
    // 22:30 UTC is already the 19th in Addis Ababa
    assertThat(source.latest().url().toString()).endsWith("?date=2026-05-19");
    assertThatThrownBy(() -> source.range(LocalDate.of(2026, 5, 18), LocalDate.of(2026, 5, 19)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesARateWithoutItsCurrencyCode() {
    String broken =
        "{\"success\":true,\"data\":[{\"buying\":\"1\",\"selling\":\"2\",\"date\":\"2026-05-18\"}]}";
    assertThatThrownBy(
            () -> new NationalBankOfEthiopiaParser().parse(broken.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AnswerRejectedException.class)
        .hasMessageContaining("rate 0");
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(FILE);
    Set<String> recorded = new TreeSet<>();
    for (ProviderDay day : new NationalBankOfEthiopiaParser().parse(body)) {
      recorded.addAll(day.rawRates().keySet());
      recorded.remove(day.base());
    }
    assertThat(new NationalBankOfEthiopiaSamples().currencies())
        .containsExactlyInAnyOrderElementsOf(recorded);
  }
}
