package io.makerates.sources.bcra;

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
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The BCRA adapter and parser against real answers (shared/fixtures/real/bcra). */
class BancoCentralArgentinaConformanceTest {

  private static final String MARCH_19 = "bcra/Cotizaciones_2026-03-19.json";

  private final BancoCentralArgentinaParser parser = new BancoCentralArgentinaParser();
  private final BancoCentralArgentinaSource source =
      new BancoCentralArgentinaSource(URI.create(BancoCentralArgentinaSource.DEFAULT_BASE_URL));

  @Test
  void readsEveryCurrencyOfTheDayAsArsToXWithItsUnits() throws Exception {
    List<ProviderDay> days = parser.parse(RealFixtures.file(MARCH_19));

    assertThat(days).hasSize(1);
    ProviderDay day = days.get(0);
    assertThat(day.date()).isEqualTo(LocalDate.of(2026, 3, 19));
    assertThat(day.base()).isEqualTo("ARS");
    // 39 rows less ARS, REF, CNH, XAU and XAG
    assertThat(day.rawRates()).hasSize(34);
    assertThat(day.rawRates()).doesNotContainKeys("ARS", "REF", "CNH", "XAU", "XAG", "MXP", "VEB");
    assertThat(day.rawRates()).containsKeys("MXN", "VES", "XDR");
    assertThat(home(day, "EUR", 1)).isEqualByComparingTo("1612.042");
    assertThat(home(day, "USD", 1)).isEqualByComparingTo("1394.5");
    // DONG VIETNAM (C/1.000 UNIDADES): 53.040965 ARS per 1000 VND
    assertThat(home(day, "VND", 1000)).isEqualByComparingTo("53.040965");
    assertThat(home(day, "MXN", 1)).isEqualByComparingTo("78.438321");
  }

  @Test
  void readsAHolidayAsNoDaysAndRefusesAMalformedBody() throws Exception {
    byte[] holiday = "{\"status\":200,\"results\":{\"fecha\":null,\"detalle\":[]}}".getBytes();
    assertThat(parser.parse(holiday)).isEmpty();
    assertThat(source.providerError(200, holiday))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.NO_DATA);
    assertThatThrownBy(() -> parser.parse("{\"status\":200,\"results\":[]}".getBytes()))
        .isInstanceOf(AnswerRejectedException.class)
        .extracting(e -> ((AnswerRejectedException) e).reason())
        .isEqualTo(ReasonCode.UNKNOWN_FORMAT);
  }

  @Test
  void recognisesErrorsAndDatesTheAnswer() throws Exception {
    byte[] body = RealFixtures.file(MARCH_19);
    assertThat(source.providerError(200, body)).isEmpty();
    assertThat(source.answerDate(body)).contains(LocalDate.of(2026, 3, 19));
    assertThat(source.providerError(200, "<!DOCTYPE html><html></html>".getBytes()))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.MALFORMED);
    byte[] error =
        "{\"status\":400,\"errorMessages\":[\"La fecha no es valida.\"]}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(source.providerError(400, error))
        .map(ProviderError::kind)
        .contains(ProviderError.Kind.OTHER);
  }

  @Test
  void buildsTheRecordedRequestShape() throws Exception {
    byte[] meta = RealFixtures.file(MARCH_19 + ".response-meta.json");
    URI recorded = URI.create(new ObjectMapper().readTree(meta).path("request_uri").asText());
    SourceRequest day = source.day(LocalDate.of(2026, 3, 19));
    assertThat(day.url()).isEqualTo(recorded);
    assertThat(source.range(day.requestedFrom(), day.requestedTo()).url()).isEqualTo(recorded);
    assertThatThrownBy(() -> source.range(LocalDate.of(2026, 3, 19), LocalDate.of(2026, 3, 20)))
        .isInstanceOf(UnsupportedOperationException.class);
    SourceRequest latest = source.latest();
    assertThat(latest.url().getRawPath()).isEqualTo(recorded.getRawPath());
    assertThat(latest.url().getRawQuery()).isNull();
  }

  /** The ARS value of {@code units} X, back from the day's ARS→X. */
  private static BigDecimal home(ProviderDay day, String currency, int units) {
    return BigDecimal.valueOf(units)
        .divide(new BigDecimal(day.rawRates().get(currency)), MathContext.DECIMAL64);
  }

  @Test
  void samplesListTheRecordedCurrencies() throws Exception {
    byte[] recorded = RealFixtures.file(MARCH_19);
    Set<String> quoted = new TreeSet<>();
    for (ProviderDay day : new BancoCentralArgentinaParser().parse(recorded)) {
      quoted.addAll(day.rawRates().keySet());
      quoted.remove(day.base());
    }

    assertThat(new BcraSamples().currencies()).containsExactlyInAnyOrderElementsOf(quoted);
  }
}
