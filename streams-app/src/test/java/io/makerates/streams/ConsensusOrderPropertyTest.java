package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The consensus is a pure function of the set of observations; arrival order and replays never
 * change it.
 */
class ConsensusOrderPropertyTest {

  private static final LocalDate DAY = LocalDate.parse("2026-09-25");
  private static final String[][] SOURCES = {
    {"frankfurter", "ECB"},
    {"ecb", "ECB"},
    {"exchangerate-api", "ERAPI"},
    {"boc", "BOC"},
    {"fed", "FED"}
  };

  /**
   * The same set in any order, with records delivered twice and answers extracted again with the
   * same content (a new extraction id, earlier or later): every pair ends with the record of the
   * set in timeline order (its lineage, flags and the derived USD rates included), and every record
   * on the way keeps the revision contract: revisions 1, 2, 3... in publication order, a number
   * never naming two records.
   */
  @Property(tries = 60)
  void anyOrderDuplicationOrRepeatedExtractionGivesTheSameFinalRates(
      @ForAll("observations") @Size(min = 1, max = 8) List<RateObservations> observations,
      @ForAll("duplicates") List<Integer> duplicated,
      @ForAll("duplicates") List<Integer> repeated,
      @ForAll Random random) {
    List<RateObservations> set = new ArrayList<>(observations);
    for (int i = 0; i < repeated.size(); i++) {
      RateObservations original = observations.get(repeated.get(i) % observations.size());
      set.add(
          RateObservations.newBuilder(original)
              .setExtractionId(UUID.randomUUID())
              .setExtractedAt(
                  original.getExtractedAt().plusSeconds(60L * (i % 2 == 0 ? i + 1 : -(i + 1))))
              .build());
    }
    List<RateObservations> inTimelineOrder = set.stream().sorted(ConsensusDay.RECENCY).toList();
    List<RateObservations> reordered = new ArrayList<>(set);
    duplicated.forEach(i -> reordered.add(set.get(i % set.size())));
    Collections.shuffle(reordered, random);

    assertThat(contents(finalRates(reordered))).isEqualTo(contents(finalRates(inTimelineOrder)));
  }

  /**
   * Revisions only on change, in timeline order: every record published is the next revision of its
   * pair and differs from the one before it (checked record by record in finalRates).
   */
  @Property(tries = 30)
  void inTimelineOrderEveryPublishedRecordIsTheNextRevisionAndAChange(
      @ForAll("observations") @Size(min = 1, max = 8) List<RateObservations> observations) {
    Map<String, ConsensusRate> last =
        finalRates(observations.stream().sorted(ConsensusDay.RECENCY).toList());
    assertThat(last).isNotEmpty();
  }

  /**
   * key → the last record emitted for it, after every record emitted was checked against the
   * revision contract.
   */
  private static Map<String, ConsensusRate> finalRates(List<RateObservations> observations) {
    Path stateDir = tempDir();
    try (TopologyHarness harness = new TopologyHarness(stateDir, RatesSettings.defaults())) {
      observations.forEach(
          o -> harness.observationsIn.pipeInput(o.getDate() + "/" + o.getSourceId(), o));
      return RevisionLedger.check(harness.rates());
    } finally {
      deleteTree(stateDir);
    }
  }

  private static Map<String, String> contents(Map<String, ConsensusRate> last) {
    Map<String, String> contents = new TreeMap<>();
    last.forEach((k, v) -> contents.put(k, RevisionLedger.withoutRevision(v).toString()));
    return contents;
  }

  @Provide
  Arbitrary<List<RateObservations>> observations() {
    Arbitrary<RateObservations> one =
        Combinators.combine(
                Arbitraries.integers().between(0, SOURCES.length - 1),
                Arbitraries.integers()
                    .between(0, 3), // few distinct times: ties are broken by extraction id
                Arbitraries.integers()
                    .between(-800, 800), // bps away from 1.1700: agreements, disputes and outliers
                Arbitraries.integers().between(-300, 300))
            .as(
                (source, minute, usdBps, jpyBps) ->
                    observation(SOURCES[source], minute, usdBps, jpyBps));
    return one.list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<Integer>> duplicates() {
    return Arbitraries.integers().between(0, 7).list().ofMaxSize(5);
  }

  private static RateObservations observation(String[] source, int minute, int usdBps, int jpyBps) {
    BigDecimal usd =
        new BigDecimal("1.1700").multiply(BigDecimal.ONE.add(BigDecimal.valueOf(usdBps, 4)));
    BigDecimal jpy =
        new BigDecimal("172.45").multiply(BigDecimal.ONE.add(BigDecimal.valueOf(jpyBps, 4)));
    return RateObservations.newBuilder()
        .setDate(DAY)
        .setSourceId(source[0])
        .setIndependenceGroup(source[1])
        .setExtractionId(UUID.randomUUID())
        .setExtractedAt(Instant.parse("2026-09-25T15:00:00Z").plusSeconds(60L * minute))
        .setBronze(new BronzeCoordinates("fx.bronze.extractions.v1", 0, 0L))
        .setProviderBase("EUR")
        .setRates(
            Stream.of(
                    new Observation("JPY", jpy.toPlainString(), jpy.toPlainString(), null),
                    new Observation("USD", usd.toPlainString(), usd.toPlainString(), null))
                .sorted(Comparator.comparing(Observation::getQuote))
                .toList())
        .build();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("consensus-order");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
