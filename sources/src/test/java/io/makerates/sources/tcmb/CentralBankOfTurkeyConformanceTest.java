package io.makerates.sources.tcmb;

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

/** TCMB against its real EVDS3 answer of 1–22 March 2026 (shared/fixtures/real/tcmb). */
class CentralBankOfTurkeyConformanceTest {

  private static final String FIXTURE =
      "tcmb/evds3_TP.DK-21-currencies-A-S_2026-03-01_to_2026-03-22.json";
  private final CentralBankOfTurkeyParser parser = new CentralBankOfTurkeyParser();
  // Wednesday 18 March 2026
  private final CentralBankOfTurkeySource source =
      new CentralBankOfTurkeySource(
          URI.create(CentralBankOfTurkeySource.DEFAULT_BASE_URL),
          Clock.fixed(Instant.parse("2026-03-18T13:00:00Z"), ZoneOffset.UTC));

  @Test
  void readsTheMidOfBuyingAndSellingFiledUnderTheAnnouncementDay() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(FIXTURE));

    // 14 weekdays with values (2–19 March, without the feast on Friday 20 March); weekends none
    assertThat(days).hasSize(14);
    // the rates applying on Monday 2 March were announced on Friday 27 February
    ProviderDay first = days.get(0);
    assertThat(first.date()).isEqualTo(LocalDate.of(2026, 2, 27));
    assertThat(days.get(13).date()).isEqualTo(LocalDate.of(2026, 3, 18));
    assertThat(first.base()).isEqualTo("TRY");
    Map<String, String> rates = first.rawRates();
    assertThat(rates).hasSize(21).containsKeys("AZN", "KZT", "PKR", "QAR", "KWD");
    assertThat(new BigDecimal(rates.get("USD")))
        .isEqualByComparingTo(inverse("1", mid("43.80000000", "43.87890000")));
    assertThat(new BigDecimal(rates.get("EUR")))
        .isEqualByComparingTo(inverse("1", mid("51.70080000", "51.79390000")));
    // JPY is TRY per 100 yen, with nothing in the answer saying so
    assertThat(new BigDecimal(rates.get("JPY")))
        .isEqualByComparingTo(inverse("100", mid("28.00720000", "28.19270000")));
  }

  @Test
  void answersAreRecognisedAndOthersAreNot() throws Exception {
    byte[] body = RealFixtures.file(FIXTURE);

    assertThat(source.providerError(200, body)).isEmpty();
    // the newest item with values is Thursday 19 March, announced on the 18th
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 18));
    assertThat(source.providerError(200, "<!DOCTYPE html><html></html>".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
    assertThat(source.providerError(401, "{}".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.KEY_REJECTED);
  }

  @Test
  void requestsHaveTheRecordedShapeAndCarryTheKeySlot() throws Exception {
    String recorded =
        new ObjectMapper()
            .readTree(RealFixtures.file(FIXTURE + ".response-meta.json"))
            .path("request_uri")
            .asText();

    SourceRequest range = source.range(LocalDate.of(2026, 2, 27), LocalDate.of(2026, 3, 19));
    // the same series in the same order; the dates are those the rates apply on
    assertThat(range.url().toString())
        .isEqualTo(
            recorded
                .replace("startDate=01-03-2026", "startDate=02-03-2026")
                .replace("endDate=22-03-2026", "endDate=20-03-2026"));
    assertThat(range.headers()).containsEntry("key", SourceRequest.API_KEY_SLOT);
    assertThat(source.usesApiKey()).isTrue();
    assertThat(source.day(LocalDate.of(2026, 3, 13)).url().toString())
        .contains("&startDate=16-03-2026&endDate=16-03-2026&");
    assertThat(source.latest().url().toString())
        .contains("&startDate=13-03-2026&endDate=19-03-2026&");
    assertThat(source.latest().headers()).containsEntry("key", SourceRequest.API_KEY_SLOT);
  }

  @Test
  void refusesAnAnswerWithoutItems() {
    assertThatThrownBy(() -> parser.parse("{\"totalCount\":0}".getBytes()))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
  }

  private static String mid(String buying, String selling) {
    return new BigDecimal(buying).add(new BigDecimal(selling)).divide(BigDecimal.TWO).toString();
  }

  private static BigDecimal inverse(String units, String value) {
    return new BigDecimal(units).divide(new BigDecimal(value), MathContext.DECIMAL128);
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] body = RealFixtures.file(FIXTURE);
    Set<String> recorded = new TreeSet<>();
    for (ProviderDay day : new CentralBankOfTurkeyParser().parse(body)) {
      recorded.addAll(day.rawRates().keySet());
      recorded.remove(day.base());
    }
    assertThat(new CentralBankOfTurkeySamples().currencies())
        .containsExactlyInAnyOrderElementsOf(recorded);
  }
}
