package io.makerates.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.makerates.api.history.SourceCoverage;
import io.makerates.runtime.currency.CurrencyTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The currency and provider lists from one coverage read, kept for a minute. */
class V2CatalogTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<SourceCoverage.Row> ROWS =
      List.of(
          new SourceCoverage.Row(
              "boe",
              "Bank of England",
              "BOE",
              "GBP",
              "USD",
              LocalDate.of(2026, 3, 2),
              LocalDate.of(2026, 3, 6)),
          new SourceCoverage.Row(
              "ecb",
              "ecb",
              "ECB",
              "EUR",
              "JPY",
              LocalDate.of(2026, 3, 4),
              LocalDate.of(2026, 3, 9)),
          new SourceCoverage.Row(
              "ecb",
              "ecb",
              "ECB",
              "EUR",
              "USD",
              LocalDate.of(2026, 3, 5),
              LocalDate.of(2026, 3, 9)),
          new SourceCoverage.Row("New-Source", "New-Source", "NEW", null, null, null, null));

  private final AtomicInteger reads = new AtomicInteger();

  private final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-03-09T12:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MovingClock clock = new MovingClock();
  private final Catalog catalog =
      new Catalog(
          () -> {
            reads.incrementAndGet();
            return ROWS;
          },
          CurrencyTable.iso4217(),
          clock);

  @Test
  void currenciesHaveTheirNamesDaysAndSourcesTheEuroEverySource() throws Exception {
    JsonNode list = JSON.readTree(catalog.currencies());
    assertThat(list.findValuesAsText("iso_code")).containsExactly("EUR", "JPY", "USD");
    JsonNode eur = list.get(0);
    assertThat(eur.get("name").asText()).isEqualTo("Euro");
    assertThat(eur.get("start_date").asText()).isEqualTo("2026-03-02");
    assertThat(eur.get("end_date").asText()).isEqualTo("2026-03-09");
    assertThat(eur.get("providers").toString()).isEqualTo("[\"boe\",\"ecb\"]");
    JsonNode usd = list.get(2);
    assertThat(usd.get("start_date").asText()).isEqualTo("2026-03-02");
    assertThat(usd.get("providers").toString()).isEqualTo("[\"boe\",\"ecb\"]");
  }

  @Test
  void providersAreTheSourcesWithVoicesANameOnlyWhereOneWasGiven() throws Exception {
    JsonNode list = JSON.readTree(catalog.providers());
    assertThat(list.findValuesAsText("key")).containsExactly("boe", "ecb");
    assertThat(list.get(0).get("name").asText()).isEqualTo("Bank of England");
    assertThat(list.get(0).get("base").asText()).isEqualTo("GBP");
    assertThat(list.get(1).has("name")).isFalse();
    assertThat(list.get(1).get("group").asText()).isEqualTo("ECB");
    assertThat(list.get(1).get("start_date").asText()).isEqualTo("2026-03-04");
    assertThat(list.get(1).get("currencies").toString()).isEqualTo("[\"JPY\",\"USD\"]");
    // a source without voices is no provider to list, but an id providers= may name
    assertThat(catalog.sourceIds()).containsEntry("new-source", "New-Source").containsKey("ecb");
  }

  @Test
  void oneReadServesAMinute() throws Exception {
    catalog.providers();
    catalog.currencies();
    clock.now = clock.now.plus(Catalog.KEPT).minusSeconds(1);
    catalog.sourceIds();
    assertThat(reads).hasValue(1);
    clock.now = clock.now.plus(Duration.ofSeconds(1));
    catalog.providers();
    assertThat(reads).hasValue(2);
  }
}
