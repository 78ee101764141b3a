package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.Contribution;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NBP's Table B through the topology: its answer has no EUR, so it is kept against PLN instead of
 * being rejected, and votes once Table A of the same day gives NBP's own EUR/PLN.
 */
class GroupLegTopologyTest {

  private static final Instant AT = Instant.parse("2026-03-04T12:30:00Z");
  private static final MathContext TWENTY = new MathContext(20, RoundingMode.HALF_EVEN);

  @TempDir Path stateDir;
  private TopologyHarness harness;

  @BeforeEach
  void start() {
    harness = new TopologyHarness(stateDir, RatesSettings.defaults());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void tableBVotesThroughTableAsEurPlnOfTheSameDay() {
    harness.pipe(
        answer(
            "nbp-b",
            """
            [{"table":"B","no":"009/B/NBP/2026","effectiveDate":"2026-03-04","rates":[\
            {"currency":"dirham ZEA","code":"AED","mid":1.0018},\
            {"currency":"dinar kuwejcki","code":"KWD","mid":12.0172}]}]""",
            0));
    assertThat(byPair()).isEmpty();
    assertThat(harness.rejected.readValuesToList()).isEmpty(); // not PIVOT_MISSING: it waits

    harness.pipe(
        answer(
            "nbp",
            """
            [{"table":"A","no":"043/A/NBP/2026","effectiveDate":"2026-03-04","rates":[\
            {"currency":"euro","code":"EUR","mid":4.2286},\
            {"currency":"dolar amerykański","code":"USD","mid":3.6770}]}]""",
            60));

    Map<String, ConsensusRate> rates = byPair();
    // EUR→AED = EUR→PLN × PLN→AED = 4.2286 × (1 / 1.0018)
    BigDecimal expected = new BigDecimal("4.2286").divide(new BigDecimal("1.0018"), TWENTY);
    assertThat(new BigDecimal(rates.get("EUR/AED").getRate()))
        .isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1e-15));
    Contribution voice = rates.get("EUR/AED").getContributions().getFirst();
    assertThat(voice.getSourceId()).isEqualTo("nbp-b");
    assertThat(voice.getIndependenceGroup()).isEqualTo("NBP");
    assertThat(voice.getProviderBase()).isEqualTo("PLN");
    assertThat(rates).containsKeys("EUR/KWD", "EUR/PLN", "EUR/USD", "USD/AED");
  }

  private Map<String, ConsensusRate> byPair() {
    Map<String, ConsensusRate> last = new TreeMap<>();
    harness
        .rates()
        .forEach(kv -> last.put(kv.value.getBase() + "/" + kv.value.getQuote(), kv.value));
    return last;
  }

  private static BronzeExtraction answer(String type, String body, int minute) {
    BronzeExtraction bronze =
        Bronzes.answer(
            type,
            body,
            AT.plusSeconds(60L * minute),
            UUID.nameUUIDFromBytes(body.getBytes(StandardCharsets.UTF_8)));
    bronze.setSourceType(type);
    return bronze;
  }
}
