package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bin/makerates sources} without a stack and without configuration: the default sources, one
 * of every keyless type, and what they cover.
 */
class SourcesCommandTest {

  @Test
  void theDefaultSourcesCoverTheCurrenciesWithIndependentOfficialVoices(@TempDir Path data) {
    Result result = run(Map.of(), "--data-dir", data.toString(), "--currencies");

    assertThat(result.code()).as(result.err()).isZero();
    Matcher header =
        Pattern.compile("(\\d+) sources in (\\d+) independence groups \\((\\d+) official\\)")
            .matcher(result.out());
    assertThat(header.find()).as(result.out()).isTrue();
    assertThat(Integer.parseInt(header.group(2))).as("groups").isGreaterThanOrEqualTo(25);
    Matcher coverage =
        Pattern.compile(
                "coverage: (\\d+) currencies with 2 or more independent official voices, (\\d+)"
                    + " with 3 or more")
            .matcher(result.out());
    assertThat(coverage.find()).as(result.out()).isTrue();
    // the promise: an official consensus for 110 currencies, three voices for 75
    assertThat(Integer.parseInt(coverage.group(1))).isGreaterThanOrEqualTo(110);
    assertThat(Integer.parseInt(coverage.group(2))).isGreaterThanOrEqualTo(75);
    assertThat(result.out())
        .contains("no local stack runs")
        .containsPattern("\\n  ecb +ecb +ECB +EUR ")
        .containsPattern("\\n  exchangerate-api +exchangerate-api\\* +ERAPI ")
        // the ECB's mirror is the same voice: USD's groups name ECB once
        .containsPattern("\\n  USD +\\d+ .*\\bECB\\b")
        .doesNotContainPattern("\\n  USD .*\\bERAPI\\b");
  }

  @Test
  void twoSourcesOfOneGroupAreOneVoiceAndABadListIsRefused(@TempDir Path data) {
    Result two =
        run(Map.of("MAKERATES_SOURCES", "ecb,frankfurter,cnb"), "--data-dir", data.toString());
    assertThat(two.code()).isZero();
    assertThat(two.out())
        .contains("3 sources in 2 independence groups (2 official)")
        .containsPattern("coverage: \\d+ currencies with 2 or more");

    // Table B quotes no EUR: it is a voice only beside Table A, whose EUR/PLN carries it to EUR
    Result tableB =
        run(
            Map.of("MAKERATES_SOURCES", "ecb,nbp-b"),
            "--data-dir",
            data.toString(),
            "--currencies");
    assertThat(tableB.out()).doesNotContainPattern("\\n  AED +\\d+ .*\\bNBP\\b");
    Result withTableA =
        run(
            Map.of("MAKERATES_SOURCES", "ecb,nbp,nbp-b"),
            "--data-dir",
            data.toString(),
            "--currencies");
    assertThat(withTableA.out()).containsPattern("\\n  AED +\\d+ .*\\bNBP\\b");

    Result bad = run(Map.of("MAKERATES_SOURCES", "ecb,nope"), "--data-dir", data.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("The source configuration is invalid", "nope");
  }

  private record Result(int code, String out, String err) {}

  private static Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new CommandLine(
                new SourcesCommand(
                    () -> env,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)))
            .execute(args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
