package io.makerates.launcher.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.extractor.SourceConfig;
import io.makerates.runtime.Checksums;
import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ExtractionTrigger;
import io.makerates.schema.HttpRequestRecord;
import io.makerates.schema.HttpResponseRecord;
import io.makerates.schema.RateObservations;
import io.makerates.schema.Rejection;
import io.makerates.schema.SourceTier;
import io.makerates.streams.IndependenceGroups;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sources part of {@code status}, from the counts {@code up} saves: a source that left records
 * but is not in MAKERATES_SOURCES shows the type and group its records carry and is said not to be
 * polled, and what was counted reads back the same from the saved file.
 */
class SourceReportTest {

  private static final Instant NOW = Instant.parse("2026-12-03T11:10:50Z");
  private static final LocalDate TODAY = LocalDate.parse("2026-12-03");

  @Test
  void aSourceNotPolledNowShowsTheTypeAndGroupItsRecordsCarry(@TempDir Path data) {
    StageCounts counts = new StageCounts();
    counts.source("frankfurter-usd").bronze(bronze("frankfurter-usd", "frankfurter", null));
    counts.source("frankfurter-usd").observations(observations("frankfurter-usd", "ECB"));
    counts.source("ecb").bronze(bronze("ecb", "ecb", null));
    counts.source("ecb").bronze(bronze("ecb", "ecb", "HTTP_5XX"));
    counts.source("ecb").rejection(rejection("ecb", "STALE_LATEST"));
    counts.countedAt = NOW;
    counts.write(data);
    StageCounts read = StageCounts.read(data).orElseThrow();

    String shown = print(read, List.of(config("ecb")));

    assertThat(shown)
        .contains(
            "  frankfurter-usd (frankfurter, group ECB): not polled now (not in"
                + " MAKERATES_SOURCES); its records are from a backfill or an earlier run\n",
            "    last answer date  2026-12-02\n",
            "    quota             - (not polled)\n",
            "    breaker           - (not polled)\n")
        .doesNotContain("type unknown", "BAD");
    String ecb = shown.substring(shown.indexOf("  ecb ("), shown.indexOf("  frankfurter-usd"));
    assertThat(ecb)
        .startsWith("  ecb (ecb, group ECB)\n")
        .contains(
            "    last extraction   2026-12-03T11:10:50Z (HTTP_5XX)\n",
            "    today (UTC)       2 attempts, 1 failed\n",
            "    rejections        STALE_LATEST 1\n",
            "    quota             none\n");
  }

  @Test
  void aConfiguredSourceWithoutRecordsIsListedAsNotExtractedYet() {
    String shown = print(new StageCounts(), List.of(config("boc")));
    assertThat(shown)
        .contains("  boc (boc, group BOC)\n", "    last extraction   none yet\n")
        .contains("    today (UTC)       0 attempts, 0 failed\n");
  }

  private static String print(StageCounts counts, List<SourceConfig> configured) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SourceReport(configured, IndependenceGroups.defaults(), Optional.empty())
        .print(counts.sources(), TODAY, new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  private static SourceConfig config(String id) {
    return new SourceConfig(
        id,
        id,
        URI.create("http://127.0.0.1:1/" + id),
        null,
        Duration.ofHours(6),
        SourceTier.PRIMARY,
        null,
        List.of());
  }

  private static BronzeExtraction bronze(String source, String type, String error) {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    return BronzeExtraction.newBuilder()
        .setExtractionId(UUID.randomUUID())
        .setExtractedAt(NOW)
        .setSourceId(source)
        .setSourceType(type)
        .setTier(SourceTier.PRIMARY)
        .setTrigger(ExtractionTrigger.BACKFILL)
        .setRequest(new HttpRequestRecord("http://127.0.0.1:1/", "GET", Map.of(), Map.of()))
        .setResponse(
            new HttpResponseRecord(
                200, Map.of(), ByteBuffer.wrap(body), null, 2L, Checksums.sha256Hex(body)))
        .setErrorCode(error)
        .setDurationMillis(1L)
        .setHost("test")
        .setInstance("test")
        .setPipelineVersion("test")
        .build();
  }

  private static RateObservations observations(String source, String group) {
    return RateObservations.newBuilder()
        .setDate(TODAY.minusDays(1))
        .setSourceId(source)
        .setIndependenceGroup(group)
        .setExtractionId(UUID.randomUUID())
        .setExtractedAt(NOW)
        .setBronze(new BronzeCoordinates("fx.bronze.extractions.v1", 0, 0L))
        .setProviderBase("USD")
        .setRates(List.of())
        .build();
  }

  private static Rejection rejection(String source, String reason) {
    return Rejection.newBuilder()
        .setSourceId(source)
        .setReasonCode(reason)
        .setStage("validation")
        .setDetail("test")
        .setInputTopic("fx.bronze.extractions.v1")
        .setInputPartition(0)
        .setInputOffset(0L)
        .setRejectedAt(NOW)
        .build();
  }
}
