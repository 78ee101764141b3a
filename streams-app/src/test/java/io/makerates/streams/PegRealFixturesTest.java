package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.runtime.Checksums;
import io.makerates.runtime.currency.CurrencyTable;
import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.HttpResponseRecord;
import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import io.makerates.sources.RealFixtures;
import io.makerates.streams.history.HistoryCheck;
import io.makerates.streams.history.HistorySettings;
import io.makerates.streams.history.PegTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The peg rule on the real answers of {@code shared/fixtures/real} (skipped, saying where it was
 * looked for, when the folder is absent): every recorded answer of a source type this build has a
 * parser for is validated and rebased to EUR as streams-app does, and each answer's days are
 * checked in date order against the earlier days of the same answer. No pegged currency of them
 * (DKK, BGN, BAM, XOF, XAF, HKD, AED, SAR, whichever a bank quotes) may be flagged: these are the
 * official figures. The test counts what it saw, so it cannot pass on an empty folder, and checks
 * that the band alone (no slack) would have flagged one of them.
 */
class PegRealFixturesTest {

  /** Fixture folders by the source type whose parser reads them. */
  private static final Map<String, String> FOLDERS =
      Map.of(
          "ecb", "ecb",
          "frankfurter", "frankfurter",
          "exchangerate-api", "exchangerate-api",
          "bank-of-canada", "boc",
          "cnb", "cnb",
          "nbp", "nbp",
          "bnr", "bnr",
          "boe", "boe",
          "cbr", "cbr");

  private static final Instant EXTRACTED_AT = Instant.parse("2027-01-04T12:00:00Z");
  private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

  private final PegTable pegs = PegTable.bundled();

  /** One recorded answer's days, EUR pivot, by date. */
  private record Recorded(String file, TreeMap<LocalDate, List<Observation>> days) {}

  @Test
  void peggedCurrenciesOfTheRecordedAnswersRaiseNoFlag() throws IOException {
    HistoryCheck check =
        new HistoryCheck(HistorySettings.defaults(), pegs, CurrencyTable.iso4217());
    // the same answers under the band alone (no slack), to show what the slack spares
    HistorySettings d = HistorySettings.defaults();
    HistoryCheck bandOnly =
        new HistoryCheck(
            new HistorySettings(
                d.k(), d.floorBps(), d.window(), d.recent(), d.gapDays(), BigDecimal.ZERO),
            pegs,
            CurrencyTable.iso4217());

    Map<String, Integer> seen = new TreeMap<>(); // pegged currency → voices checked against a band
    Map<String, BigDecimal> furthest = new TreeMap<>(); // → largest |bps| from the central rate
    List<String> flagged = new ArrayList<>();
    List<String> outsideBand = new ArrayList<>();
    int answers = 0;
    for (Recorded answer : recorded()) {
      answers++;
      List<HistoryCheck.EarlierDay> earlier = new ArrayList<>(); // most recent first
      for (var day : answer.days().entrySet()) {
        LocalDate date = day.getKey();
        List<Observation> rates = day.getValue();
        List<Observation> judged = check.flag(date, rates, earlier);
        List<Observation> byBand = bandOnly.flag(date, rates, earlier);
        Map<String, BigDecimal> values = new TreeMap<>();
        rates.forEach(r -> values.put(r.getQuote(), new BigDecimal(r.getRate())));
        for (int i = 0; i < judged.size(); i++) {
          Observation o = judged.get(i);
          var peg = pegs.on(o.getQuote(), date);
          if (peg.isEmpty()) {
            continue;
          }
          String where = answer.file() + " " + date + " EUR/" + o.getQuote() + " " + o.getRate();
          BigDecimal anchor =
              "EUR".equals(peg.get().anchor()) ? BigDecimal.ONE : values.get(peg.get().anchor());
          if (anchor != null) {
            seen.merge(o.getQuote(), 1, Integer::sum);
            BigDecimal bps =
                new BigDecimal(o.getRate())
                    .divide(anchor, MathContext.DECIMAL64)
                    .divide(peg.get().central(), MathContext.DECIMAL64)
                    .subtract(BigDecimal.ONE)
                    .multiply(BPS)
                    .abs();
            furthest.merge(o.getQuote(), bps, BigDecimal::max);
          }
          if (o.getFlag() != null) {
            flagged.add(where + ": " + o.getFlag().getReason() + " " + o.getFlag().getDetail());
          }
          if (byBand.get(i).getFlag() != null
              && HistoryCheck.PEG_BREAK.equals(byBand.get(i).getFlag().getReason())) {
            outsideBand.add(where);
          }
        }
        earlier.addFirst(new HistoryCheck.EarlierDay(date, values));
      }
    }
    System.out.printf(
        "real fixtures: %d answers; pegged voices read against their band %s; furthest from the"
            + " central rate (bps) %s; outside the band itself: %s%n",
        answers,
        seen,
        furthest.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().setScale(1, java.math.RoundingMode.HALF_UP))
            .toList(),
        outsideBand);

    assertThat(flagged).as("flags on pegged currencies of official answers").isEmpty();
    // not vacuous: the answers hold pegged currencies, with their anchors, on many days
    assertThat(seen).containsKeys("DKK", "HKD", "BGN");
    assertThat(seen.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(100);
    // and the band alone would flag an official figure: the ECB's EUR/HKD of 21 September 2020
    // over its EUR/USD is 7.74998 per dollar
    assertThat(outsideBand).anyMatch(v -> v.contains("2020-09-21 EUR/HKD"));
  }

  /** Every recorded answer that validates to at least one day of rates, its days by date. */
  private static List<Recorded> recorded() throws IOException {
    Path root = RealFixtures.folder();
    BronzeValidator validator = new BronzeValidator(Parsers.all(), IndependenceGroups.defaults());
    List<Recorded> answers = new ArrayList<>();
    for (var folder : new TreeMap<>(FOLDERS).entrySet()) {
      Path dir = root.resolve(folder.getKey());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> listed = Files.list(dir)) {
        files =
            listed
                .filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().endsWith(".response-meta.json"))
                .sorted()
                .toList();
      }
      for (Path file : files) {
        byte[] body = Files.readAllBytes(file);
        BronzeExtraction bronze = bronze(folder.getKey(), folder.getValue(), body);
        TreeMap<LocalDate, List<Observation>> days = new TreeMap<>();
        for (RateObservations o :
            validator
                .validate(
                    bronze, new BronzeCoordinates("fx.bronze.extractions.v1", 0, 0L), EXTRACTED_AT)
                .observations()) {
          days.put(o.getDate(), o.getRates());
        }
        if (!days.isEmpty()) {
          answers.add(new Recorded(folder.getKey() + "/" + file.getFileName(), days));
        }
      }
    }
    return answers;
  }

  /** A bronze record of a historical request for {@code body}, as the extractor writes one. */
  private static BronzeExtraction bronze(String sourceId, String type, byte[] body) {
    return Bronzes.builder(sourceId, EXTRACTED_AT, UUID.nameUUIDFromBytes(body))
        .setSourceType(type)
        .setRequestedFrom(LocalDate.parse("1999-01-04"))
        .setRequestedTo(LocalDate.parse("2026-12-31"))
        .setResponse(
            new HttpResponseRecord(
                200,
                Map.of(),
                ByteBuffer.wrap(body),
                "application/octet-stream",
                (long) body.length,
                Checksums.sha256Hex(body)))
        .build();
  }
}
