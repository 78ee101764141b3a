package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.Contribution;
import io.makerates.streams.history.HistorySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Across days, the silver records are still a pure function of the bronze records: the history
 * check reads earlier days, so a day arriving late decides the later ones again, and any order and
 * duplication of the same bronze records ends with the same last record for every pair and day,
 * derived USD pairs included, and every record on the way keeps the revision contract (a number
 * names one record, revisions 1, 2, 3... in publication order). Short history windows (2 moves,
 * median of 2) so that a late day falls inside some later days' windows and outside others', and
 * over 30 days, more than the 18 the history check keeps in memory at that window, so late days
 * also come from the store.
 */
class MultiDayOrderPropertyTest {

  private static final List<LocalDate> DAYS =
      DailyAnswers.businessDays(LocalDate.parse("2025-06-02"), 30);
  private static final String[] SOURCES = {"alpha", "beta", "gamma"};
  private static final RatesSettings SETTINGS =
      new RatesSettings(
          ValidationSettings.defaults(),
          ConsensusSettings.defaults(),
          new HistorySettings(
              BigDecimal.valueOf(8), BigDecimal.valueOf(200), 2, 2, 7, BigDecimal.valueOf(200)),
          IndependenceGroups.defaults(),
          List.of("USD"),
          ReplayScope.ALL);

  /**
   * One answer: a source's USD and GBP for a day, sometimes far off, sometimes extracted again
   * later with other values.
   */
  record Cell(int source, int day, int usdBps, int gbpBps, int minutesLater) {}

  @Property(tries = 100)
  void anyOrderAndDuplicationOfTheBronzeRecordsGivesTheSameFinalSilverRecords(
      @ForAll("cells") List<Cell> cells,
      @ForAll("duplicates") List<Integer> duplicated,
      @ForAll Random random) {
    List<BronzeExtraction> inOrder =
        cells.stream()
            .map(MultiDayOrderPropertyTest::bronze)
            .sorted(Comparator.comparing(BronzeExtraction::getExtractedAt))
            .toList();
    List<BronzeExtraction> shuffled = new ArrayList<>(inOrder);
    duplicated.forEach(i -> shuffled.add(inOrder.get(i % inOrder.size())));
    Collections.shuffle(shuffled, random);

    assertThat(finalRates(shuffled)).isEqualTo(finalRates(inOrder));
  }

  @Provide
  Arbitrary<List<Cell>> cells() {
    Arbitrary<Integer> bps =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(-40, 40)), // a normal day
            net.jqwik.api.Tuple.of(
                2, Arbitraries.integers().between(-1500, 1500))); // a jump, real or wrong
    Arbitrary<Cell> cell =
        Combinators.combine(
                Arbitraries.integers().between(0, SOURCES.length - 1),
                Arbitraries.integers().between(0, DAYS.size() - 1),
                bps,
                bps,
                Arbitraries.of(0, 0, 0, 30))
            .as(Cell::new);
    return cell.list().ofMinSize(4).ofMaxSize(80);
  }

  @Provide
  Arbitrary<List<Integer>> duplicates() {
    return Arbitraries.integers().between(0, 100).list().ofMaxSize(6);
  }

  private static BronzeExtraction bronze(Cell c) {
    BigDecimal drift =
        BigDecimal.ONE.add(BigDecimal.valueOf(c.day() * 10L, 4)); // the market moves 10 bps a day
    return DailyAnswers.answer(
        SOURCES[c.source()],
        DAYS.get(c.day()),
        Map.of(
            "USD",
                new BigDecimal("1.0800")
                    .multiply(drift)
                    .multiply(BigDecimal.ONE.add(BigDecimal.valueOf(c.usdBps(), 4))),
            "GBP",
                new BigDecimal("0.8500")
                    .multiply(drift)
                    .multiply(BigDecimal.ONE.add(BigDecimal.valueOf(c.gbpBps(), 4)))),
        c.minutesLater());
  }

  /**
   * The last record of every key, whole, except its revision (which counts the steps published, and
   * so the order) and where the test driver put each bronze record: its offset depends on the order
   * the test pipes them in (the extraction id in the lineage says which answer each voice is).
   */
  private static Map<String, ConsensusRate> finalRates(List<BronzeExtraction> bronzes) {
    Path stateDir = tempDir();
    try (TopologyHarness harness = new TopologyHarness(stateDir, SETTINGS)) {
      bronzes.forEach(harness::pipe);
      Map<String, ConsensusRate> last = new TreeMap<>();
      RevisionLedger.check(harness.rates())
          .forEach(
              (key, rate) -> last.put(key, withoutOffsets(RevisionLedger.withoutRevision(rate))));
      return last;
    } finally {
      deleteTree(stateDir);
    }
  }

  private static ConsensusRate withoutOffsets(ConsensusRate rate) {
    List<Contribution> voices =
        rate.getContributions().stream()
            .map(
                c ->
                    Contribution.newBuilder(c)
                        .setBronze(new BronzeCoordinates(c.getBronze().getTopic(), 0, 0L))
                        .build())
            .toList();
    return ConsensusRate.newBuilder(rate).setContributions(voices).build();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("multi-day-order");
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
