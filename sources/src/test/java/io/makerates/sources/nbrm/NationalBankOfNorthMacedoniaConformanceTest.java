package io.makerates.sources.nbrm;

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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** NBRM against its real answers of March to May 2026 (shared/fixtures/real/nbrm). */
class NationalBankOfNorthMacedoniaConformanceTest {

  private static final String SATURDAY = "nbrm/GetExchangeRate_2026-05-30.json";
  private static final String QUARTER = "nbrm/GetExchangeRate_2026-03-01_to_2026-05-29.json";
  private final NationalBankOfNorthMacedoniaParser parser =
      new NationalBankOfNorthMacedoniaParser();
  // Friday 29 May 2026, 18:00 in Skopje
  private final NationalBankOfNorthMacedoniaSource source =
      new NationalBankOfNorthMacedoniaSource(
          URI.create(NationalBankOfNorthMacedoniaSource.DEFAULT_BASE_URL),
          Clock.fixed(Instant.parse("2026-05-29T16:00:00Z"), ZoneOffset.UTC));

  @Test
  void readsAListAsMkdToEachCurrencyFiledUnderItsFormationDay() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(SATURDAY));

    assertThat(days).hasSize(1);
    ProviderDay day = days.get(0);
    // Saturday 30 May repeats the list formed on Thursday 28 May
    assertThat(day.date()).isEqualTo(LocalDate.of(2026, 5, 28));
    assertThat(day.base()).isEqualTo("MKD");
    Map<String, String> rates = day.rawRates();
    assertThat(rates).hasSize(31).containsKeys("RSD", "RUB");
    assertThat(new BigDecimal(rates.get("EUR"))).isEqualByComparingTo(inverse("61.695"));
    assertThat(new BigDecimal(rates.get("USD"))).isEqualByComparingTo(inverse("53.1075"));
    // nomin is 1 for all: even JPY is per one yen
    assertThat(new BigDecimal(rates.get("JPY"))).isEqualByComparingTo(inverse("0.3331"));
  }

  @Test
  void ninetyDaysOfListsAreSixtyFormationDays() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(QUARTER));

    // weekend and holiday lists repeat the values of the day they were formed
    assertThat(days).hasSize(60);
    assertThat(days.get(0).date()).isEqualTo(LocalDate.of(2026, 2, 27));
    assertThat(days.get(59).date()).isEqualTo(LocalDate.of(2026, 5, 28));
    assertThat(days).allSatisfy(day -> assertThat(day.rawRates()).hasSize(31));
  }

  @Test
  void answersAreRecognisedAndOthersAreNot() throws Exception {
    byte[] body = RealFixtures.file(SATURDAY);

    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 5, 28));
    assertThat(source.providerError(200, "<html><title>Sucuri WebSite Firewall</title>".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
  }

  @Test
  void requestsHaveTheRecordedShape() throws Exception {
    // the rates formed on Friday 29 May are the lists applying Saturday to Monday
    SourceRequest day = source.day(LocalDate.of(2026, 5, 29));
    assertThat(day.url().getQuery())
        .isEqualTo("StartDate=30.05.2026&EndDate=01.06.2026&format=json");
    URI recorded = recorded(SATURDAY);
    assertThat(day.url().getHost()).isEqualTo(recorded.getHost());
    assertThat(day.url().getPath()).isEqualTo(recorded.getPath());
    // formation days 27 February to 28 May are the lists applying 28 February to 29 May
    SourceRequest range = source.range(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 5, 28));
    assertThat(List.of(range.url().getQuery().split("&")))
        .containsExactlyInAnyOrder(recorded(QUARTER).getQuery().split("&"));
    assertThat(source.latest().url().getQuery())
        .isEqualTo("StartDate=29.05.2026&EndDate=30.05.2026&format=json");
  }

  @Test
  void refusesRowsWithoutAFormationDay() {
    assertThatThrownBy(() -> parser.parse("[{\"oznaka\":\"EUR\",\"sreden\":61.695}]".getBytes()))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
  }

  private static BigDecimal inverse(String value) {
    return BigDecimal.ONE.divide(new BigDecimal(value), MathContext.DECIMAL128);
  }

  private static URI recorded(String fixture) throws Exception {
    return URI.create(
        new ObjectMapper()
            .readTree(RealFixtures.file(fixture + ".response-meta.json"))
            .path("request_uri")
            .asText());
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] recorded = RealFixtures.file(QUARTER);
    Set<String> quoted = new TreeSet<>();
    for (ProviderDay day : new NationalBankOfNorthMacedoniaParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }

    assertThat(new NbrmSamples().currencies()).containsExactlyInAnyOrderElementsOf(quoted);
  }
}
