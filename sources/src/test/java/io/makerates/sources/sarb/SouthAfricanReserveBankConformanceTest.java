package io.makerates.sources.sarb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The SARB adapter and parser over real series answers (see shared/fixtures/real/README.md). */
class SouthAfricanReserveBankConformanceTest {

  private static final String EUR =
      "sarb/GetTimeseriesObservations_EXCZ002D_ZAR-per-EUR_2026-03-24_to_2026-03-27.json";
  private static final String USD =
      "sarb/GetTimeseriesObservations_EXCX135D_ZAR-per-USD_2026-03-24_to_2026-03-27.json";
  private static final String JPY =
      "sarb/GetTimeseriesObservations_EXCB120D_JPY-per-ZAR_2026-03-24_to_2026-03-27.json";
  private static final String CHF =
      "sarb/GetTimeseriesObservations_EXCB016D_CHF-per-ZAR_2026-03-24_to_2026-03-27.json";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-27T12:00:00Z"), ZoneOffset.UTC);
  private final SouthAfricanReserveBankSource source =
      new SouthAfricanReserveBankSource(
          URI.create(SouthAfricanReserveBankSource.DEFAULT_BASE_URL),
          SouthAfricanReserveBankSource.EURO_SERIES,
          CLOCK);
  private final SouthAfricanReserveBankParser parser = new SouthAfricanReserveBankParser();

  @Test
  void readsRandPerUnitSeriesInvertedAndUnitsPerRandAsSent() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(EUR));

    assertThat(days)
        .extracting(ProviderDay::date)
        .containsExactly(
            LocalDate.of(2026, 3, 24),
            LocalDate.of(2026, 3, 25),
            LocalDate.of(2026, 3, 26),
            LocalDate.of(2026, 3, 27));
    ProviderDay last = days.get(3);
    assertThat(last.base()).isEqualTo("ZAR");
    assertThat(last.rawRates()).hasSize(1);
    assertThat(new BigDecimal(last.rawRates().get("EUR")))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(new BigDecimal("19.7408"), MathContext.DECIMAL128));
    assertThat(new BigDecimal(parser.parse(RealFixtures.file(USD)).get(3).rawRates().get("USD")))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(new BigDecimal("17.1302"), MathContext.DECIMAL128));
    assertThat(new BigDecimal(parser.parse(RealFixtures.file(JPY)).get(3).rawRates().get("JPY")))
        .isEqualByComparingTo("9.3324");
    assertThat(new BigDecimal(parser.parse(RealFixtures.file(CHF)).get(1).rawRates().get("CHF")))
        .isEqualByComparingTo("0.0468");
  }

  @Test
  void everyRecordedSeriesHasItsCurrency() throws Exception {
    for (String file :
        List.of("EXCB051D_BWP", "EXCB059D_KES", "EXCB063D_MWK", "EXCB071D_ZMW", "EXCB121D_CNY")) {
      String name =
          "sarb/GetTimeseriesObservations_" + file + "-per-ZAR_2026-03-24_to_2026-03-27.json";
      assertThat(parser.parse(RealFixtures.file(name)).get(0).rawRates())
          .containsOnlyKeys(file.substring(9));
    }
  }

  @Test
  void recognisesTheArrayAndRefusesAnHtmlPage() throws Exception {
    byte[] body = RealFixtures.file(EUR);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.providerError(200, "<!DOCTYPE html><html></html>".getBytes()))
        .get()
        .extracting(ProviderError::kind)
        .isEqualTo(ProviderError.Kind.MALFORMED);
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 27));
  }

  @Test
  void requestsPutTheSeriesAndDatesInThePath() throws Exception {
    assertThat(source.range(LocalDate.of(2026, 3, 23), LocalDate.of(2026, 3, 27)).url())
        .isEqualTo(recorded(EUR));
    SouthAfricanReserveBankSource dollar =
        new SouthAfricanReserveBankSource(
            URI.create(SouthAfricanReserveBankSource.DEFAULT_BASE_URL), "EXCX135D", CLOCK);
    assertThat(dollar.range(LocalDate.of(2026, 3, 23), LocalDate.of(2026, 3, 27)).url())
        .isEqualTo(recorded(USD));
    assertThat(source.latest().url().toString())
        .endsWith("/EXCZ002D/2026-03-22T00:00:00/2026-03-27T00:00:00");
    assertThat(source.day(LocalDate.of(2026, 3, 25)).url().toString())
        .endsWith("/EXCZ002D/2026-03-25T00:00:00/2026-03-25T00:00:00");
  }

  @Test
  void refusesAnObjectInPlaceOfTheArray() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "{\"Message\":\"An error has occurred.\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AnswerRejectedException.class);
  }

  private static URI recorded(String file) throws Exception {
    return URI.create(
        new ObjectMapper()
            .readTree(RealFixtures.file(file + ".response-meta.json"))
            .path("request_uri")
            .asText());
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] recorded = RealFixtures.file(EUR);
    Set<String> quoted = new TreeSet<>();
    for (ProviderDay day : new SouthAfricanReserveBankParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }

    assertThat(new SarbSamples().currencies()).containsExactlyInAnyOrderElementsOf(quoted);
  }
}
