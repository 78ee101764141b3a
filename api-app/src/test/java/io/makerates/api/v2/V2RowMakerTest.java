package io.makerates.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.api.history.RecordedDay;
import io.makerates.api.history.RecordedRate;
import io.makerates.api.history.Voice;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** One day's EUR records into rows: as stored, rebased through EUR, or from named sources. */
class V2RowMakerTest {

  private static final LocalDate DAY = LocalDate.of(2026, 3, 5);

  private final RecordedDay day = day();

  private static RecordedDay day() {
    TreeMap<String, RecordedRate> rates = new TreeMap<>();
    rates.put(
        "USD",
        new RecordedRate(
            "USD",
            new BigDecimal("1.16"),
            "CONSENSUS",
            2,
            new BigDecimal("86.2"),
            List.of(),
            3,
            List.of(voice("boe", "EUR/USD", "1.17", true), voice("ecb", "EUR/USD", "1.15", true))));
    rates.put(
        "JPY",
        new RecordedRate(
            "JPY",
            new BigDecimal("172.40"),
            "DISPUTED",
            2,
            new BigDecimal("300"),
            List.of("UNCONFIRMED_JUMP"),
            1,
            List.of(
                voice("ecb", "EUR/JPY", "172.40", true), voice("nbp", "EUR/JPY", "190", false))));
    rates.put(
        "GBP",
        new RecordedRate(
            "GBP",
            new BigDecimal("0.87"),
            "SINGLE_SOURCE",
            1,
            null,
            List.of("PEG_BREAK"),
            2,
            List.of(voice("boe", "EUR/GBP", "0.87", true))));
    return new RecordedDay(DAY, rates);
  }

  private static Voice voice(String source, String leg, String value, boolean accepted) {
    return new Voice(
        source,
        source.toUpperCase(),
        leg,
        new BigDecimal(value),
        accepted,
        accepted ? null : "OUTLIER",
        null,
        "00000000-0000-0000-0000-000000000001",
        "fx.bronze",
        0,
        7L);
  }

  private static V2Query query(
      String base, Set<String> quotes, Set<String> providers, boolean expand) {
    return new V2Query(
        DAY, null, null, base, quotes, providers, V2Query.Group.NONE, expand, expand, null);
  }

  @Test
  void euroRowsAreTheRecordsAsStoredByQuote() {
    List<V2Row> rows = new RowMaker(query("EUR", Set.of(), Set.of(), false)).rows(day);
    assertThat(rows).extracting(V2Row::quote).containsExactly("GBP", "JPY", "USD");
    V2Row usd = rows.get(2);
    assertThat(usd.rate()).isEqualByComparingTo("1.16");
    assertThat(usd.status()).isEqualTo("CONSENSUS");
    assertThat(usd.sources()).isEqualTo(2);
    assertThat(usd.spreadBps()).isEqualByComparingTo("86.2");
    assertThat(usd.revision()).isEqualTo(3);
    assertThat(usd.providers()).isNull();
    assertThat(usd.lineage()).isNull();
    assertThat(new RowMaker(query("EUR", Set.of("JPY", "CHF"), Set.of(), false)).rows(day))
        .extracting(V2Row::quote)
        .containsExactly("JPY");
  }

  @Test
  void anotherBaseGoesThroughTheEuroWithTheWeakerStatusAndBothLegsFlags() {
    List<V2Row> rows = new RowMaker(query("GBP", Set.of(), Set.of(), false)).rows(day);
    assertThat(rows).extracting(V2Row::quote).containsExactly("EUR", "JPY", "USD");
    V2Row eur = rows.get(0);
    assertThat(eur.rate()).isEqualByComparingTo("1.1494252873563218391"); // 20 digits, exact
    assertThat(eur.status()).isEqualTo("SINGLE_SOURCE");
    assertThat(eur.flags()).containsExactly("PEG_BREAK");
    V2Row jpy = rows.get(1);
    // 172.40 / 0.87 = 198.1609...
    assertThat(jpy.rate().setScale(4, java.math.RoundingMode.HALF_UP))
        .isEqualByComparingTo("198.1609");
    assertThat(jpy.status()).isEqualTo("DISPUTED");
    assertThat(jpy.flags()).containsExactly("PEG_BREAK", "UNCONFIRMED_JUMP");
    assertThat(jpy.sources()).isEqualTo(1);
    assertThat(jpy.revision()).isNull();
    assertThat(jpy.spreadBps()).isNull();
    assertThat(rows.get(2).status()).isEqualTo("SINGLE_SOURCE"); // CONSENSUS over SINGLE_SOURCE
  }

  @Test
  void aBaseWithoutARateThatDayHasNoRows() {
    assertThat(new RowMaker(query("CHF", Set.of(), Set.of(), false)).rows(day)).isEmpty();
  }

  @Test
  void expandedRowsListEveryVoiceAndMarkTheOnesSetAside() {
    V2Row jpy = new RowMaker(query("EUR", Set.of("JPY"), Set.of(), true)).rows(day).get(0);
    assertThat(jpy.providers())
        .containsExactly(
            new V2Row.ProviderRate("ecb", new BigDecimal("172.40"), false),
            new V2Row.ProviderRate("nbp", new BigDecimal("190"), true));
    assertThat(jpy.lineage()).extracting(Voice::source).containsExactly("ecb", "nbp");
    assertThat(jpy.lineage().get(1).reason()).isEqualTo("OUTLIER");
  }

  @Test
  void aCrossRowsProvidersAreEachSourcesOwnCrossWhereItVoicedBothLegs() {
    V2Row jpy = new RowMaker(query("USD", Set.of("JPY"), Set.of(), true)).rows(day).get(0);
    // ecb voiced both: 172.40 / 1.15; nbp quoted JPY only, boe USD only
    assertThat(jpy.providers()).hasSize(1);
    assertThat(jpy.providers().get(0).key()).isEqualTo("ecb");
    assertThat(jpy.providers().get(0).rate().setScale(4, java.math.RoundingMode.HALF_UP))
        .isEqualByComparingTo("149.9130");
    assertThat(jpy.lineage())
        .extracting(Voice::leg)
        .containsExactly("EUR/USD", "EUR/USD", "EUR/JPY", "EUR/JPY");
  }

  @Test
  void namedProvidersMakeTheRateFromTheirAcceptedVoicesOnly() {
    List<V2Row> both = new RowMaker(query("EUR", Set.of(), Set.of("boe", "ecb"), false)).rows(day);
    // USD: the median of 1.17 and 1.15; JPY: ecb's alone; GBP: boe's alone
    assertThat(both).extracting(V2Row::quote).containsExactly("GBP", "JPY", "USD");
    assertThat(both.get(2).rate()).isEqualByComparingTo("1.16");
    assertThat(both.get(2).sources()).isEqualTo(2);
    assertThat(both.get(2).spreadBps()).isNull();
    assertThat(both.get(2).revision()).isEqualTo(3); // whose voices they are

    List<V2Row> boe = new RowMaker(query("EUR", Set.of(), Set.of("boe"), true)).rows(day);
    assertThat(boe).extracting(V2Row::quote).containsExactly("GBP", "USD"); // boe quoted no JPY
    assertThat(boe.get(1).rate()).isEqualByComparingTo("1.17");
    assertThat(boe.get(1).providers()).extracting(V2Row.ProviderRate::key).containsExactly("boe");

    // nbp's only JPY voice was set aside: no rate from nbp alone
    assertThat(new RowMaker(query("EUR", Set.of(), Set.of("nbp"), false)).rows(day)).isEmpty();
  }
}
