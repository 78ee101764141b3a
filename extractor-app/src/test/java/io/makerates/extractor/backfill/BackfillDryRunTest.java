package io.makerates.extractor.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A dry run plans from the source's own rules when no cluster is named; a real run still needs one.
 */
class BackfillDryRunTest {

  private static Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code =
        new CommandLine(new BackfillCommand(() -> env, out))
            .setCaseInsensitiveEnumValuesAllowed(true)
            .execute(args);
    return new Result(code, bytes.toString(StandardCharsets.UTF_8));
  }

  private record Result(int code, String out) {}

  @Test
  void aDryRunWithoutAClusterPrintsThePlanAndSaysWhatItDidNotCheck() {
    Result r =
        run(
            Map.of("MAKERATES_SOURCES", "ecb"),
            "--source",
            "ecb",
            "--from",
            "2025-01-06",
            "--to",
            "2025-01-12",
            "--mode",
            "ISOLATED",
            "--dry-run");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(
            "of ecb, 2025-01-06..2025-01-12 in ISOLATED mode: 7 dates, 2 weekend dates left out: 5 requests")
        .contains("dates already extracted and the quota spent were not checked")
        .contains("dry run: nothing sent")
        .doesNotContain("MAKERATES_REGISTRY_URL is not set");
  }

  @Test
  void withoutAClusterARealRunIsRefusedAndAnUnknownSourceToo() {
    Result real =
        run(
            Map.of("MAKERATES_SOURCES", "ecb"),
            "--source",
            "ecb",
            "--from",
            "2025-01-06",
            "--to",
            "2025-01-12");
    assertThat(real.code()).isEqualTo(2);
    assertThat(real.out()).contains("backfill refused: MAKERATES_REGISTRY_URL is not set");
    Result unknown =
        run(
            Map.of("MAKERATES_SOURCES", "frankfurter"),
            "--source",
            "boc",
            "--from",
            "2025-01-06",
            "--to",
            "2025-01-12",
            "--dry-run");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.out())
        .contains("no source 'boc' is configured (MAKERATES_SOURCES lists [frankfurter])");
  }

  /**
   * A range ending after today is refused, not cut: days to come have no rates, and such a date is
   * more often a typo than a wish. Today itself may be asked for.
   */
  @Test
  void aRangeEndingAfterTodayIsRefused() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Result future =
        run(
            Map.of("MAKERATES_SOURCES", "ecb"),
            "--source",
            "ecb",
            "--from",
            "2025-01-06",
            "--to",
            "2052-01-10",
            "--dry-run");
    assertThat(future.code()).isEqualTo(2);
    assertThat(future.out())
        .isEqualTo(
            "backfill refused: --to 2052-01-10 is after today ("
                + today
                + ", UTC): no source has rates of days to come; end the range today at the latest"
                + System.lineSeparator());
    Result toToday =
        run(
            Map.of("MAKERATES_SOURCES", "ecb"),
            "--source",
            "ecb",
            "--from",
            today.minusDays(3).toString(),
            "--to",
            today.toString(),
            "--include-weekends",
            "--dry-run");
    assertThat(toToday.code()).as(toToday.out()).isZero();
  }
}
