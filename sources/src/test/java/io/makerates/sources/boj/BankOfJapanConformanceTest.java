package io.makerates.sources.boj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.ProviderError;
import io.makerates.sources.RealFixtures;
import io.makerates.sources.SourceRequest;
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

/**
 * The BoJ adapter and parser over a real getDataCode answer (see shared/fixtures/real/README.md).
 */
class BankOfJapanConformanceTest {

  private static final String FILE =
      "boj/getDataCode_FM08_FXERD04-FXERD34_2026-03-01_to_2026-03-31.json";
  private static final byte[] ERROR =
      "{\"STATUS\":400,\"MESSAGEID\":\"M181005E\",\"MESSAGE\":\"Invalid database name\"}"
          .getBytes(StandardCharsets.UTF_8);
  private final BankOfJapanSource source =
      new BankOfJapanSource(
          URI.create(BankOfJapanSource.DEFAULT_BASE_URL),
          Clock.fixed(Instant.parse("2026-03-31T19:23:53Z"), ZoneOffset.UTC));

  @Test
  void readsTheFixingDaysAsUsdToJpyAndEur() throws Exception {
    List<ProviderDay> days = new BankOfJapanParser().parse(RealFixtures.file(FILE));

    // 22 weekdays less the equinox holiday (20 Mar) and the two days not yet published
    assertThat(days).hasSize(19);
    assertThat(days.get(0).date()).isEqualTo(LocalDate.of(2026, 3, 2));
    assertThat(days).extracting(ProviderDay::date).doesNotContain(LocalDate.of(2026, 3, 20));
    ProviderDay last = days.get(days.size() - 1);
    assertThat(last.date()).isEqualTo(LocalDate.of(2026, 3, 27));
    assertThat(last.base()).isEqualTo("USD");
    assertThat(last.rawRates()).hasSize(2);
    assertThat(new BigDecimal(last.rawRates().get("JPY"))).isEqualByComparingTo("159.95");
    assertThat(new BigDecimal(last.rawRates().get("EUR")))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(new BigDecimal("1.1518"), MathContext.DECIMAL128));
    assertThat(new BigDecimal(days.get(0).rawRates().get("JPY"))).isEqualByComparingTo("156.99");
  }

  @Test
  void recognisesTheAnswerAndTheProvidersError() throws Exception {
    byte[] body = RealFixtures.file(FILE);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.providerError(200, "<html><body>Maintenance</body></html>".getBytes()))
        .get()
        .extracting(ProviderError::kind)
        .isEqualTo(ProviderError.Kind.MALFORMED);
    assertThat(source.providerError(400, ERROR))
        .get()
        .extracting(ProviderError::kind)
        .isEqualTo(ProviderError.Kind.OTHER);
    assertThatThrownBy(() -> new BankOfJapanParser().parse(ERROR))
        .isInstanceOf(AnswerRejectedException.class)
        .extracting(e -> ((AnswerRejectedException) e).reason())
        .isEqualTo(ReasonCode.PROVIDER_ERROR);
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 27));
  }

  @Test
  void requestsAskForWholeMonthsAsRecorded() throws Exception {
    URI recorded =
        URI.create(
            new ObjectMapper()
                .readTree(RealFixtures.file(FILE + ".response-meta.json"))
                .path("request_uri")
                .asText());
    SourceRequest range = source.range(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
    assertThat(range.url()).isEqualTo(recorded);
    assertThat(source.day(LocalDate.of(2026, 3, 27)).url()).isEqualTo(recorded);
    assertThat(source.day(LocalDate.of(2026, 3, 27)).requestedFrom())
        .isEqualTo(LocalDate.of(2026, 3, 27));
    assertThat(source.latest().params())
        .containsEntry("startDate", "202602")
        .containsEntry("endDate", "202603");
  }

  @Test
  void refusesSeriesWhoseDatesAndValuesDoNotPair() {
    String broken =
        "{\"STATUS\":200,\"RESULTSET\":[{\"SERIES_CODE\":\"FXERD04\","
            + "\"VALUES\":{\"SURVEY_DATES\":[20260302,20260303],\"VALUES\":[156.99]}}]}";
    assertThatThrownBy(() -> new BankOfJapanParser().parse(broken.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AnswerRejectedException.class)
        .hasMessageContaining("pair");
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] recorded = RealFixtures.file(FILE);
    Set<String> quoted = new TreeSet<>();
    for (ProviderDay day : new BankOfJapanParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }

    assertThat(new BojSamples().currencies()).containsExactlyInAnyOrderElementsOf(quoted);
  }
}
