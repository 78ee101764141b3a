package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.makerates.extractor.source.RateSources;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.Topics;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypes;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code up --offline} with no configuration runs one source of every type against the stub's
 * answers, and within two minutes the consensus has real work done: facts from at least 30 sources
 * in at least 25 independence groups, the majors agreed by five voices or more, rates only one
 * group publishes, and, once a past week of the disputed currency's two sources is backfilled, a
 * dispute.
 */
@Tag("integration")
class UpOfflineSourcesTest {

  @Test
  void everySourceAnswersAndTheRatesShowEveryStatus(@TempDir Path data) throws Exception {
    try (UpCommand.Running up =
        UpCommand.start(
            data.resolve("stack"), false, true, "6h", Map.of(), Optional.empty(), r -> {})) {
      // every type the stub plays, the keyed ones with a placeholder key
      List<String> expected = OfflineSourceStub.SERVED;
      assertThat(expected).containsAll(RateSources.keyless()).hasSizeGreaterThanOrEqualTo(30);
      Topics topics = new Topics(new AvroSerdes(up.stack().registryUrl()));
      Set<String> answered =
          await()
              .atMost(Duration.ofSeconds(120))
              .until(
                  () ->
                      TestTopics.readAll(up.stack(), topics.bronze).stream()
                          .filter(
                              r ->
                                  r.value().getResponse() != null
                                      && r.value().getResponse().getStatus() == 200)
                          .map(r -> r.value().getSourceId())
                          .collect(Collectors.toSet()),
                  ids -> ids.containsAll(expected));
      assertThat(answered).containsExactlyInAnyOrderElementsOf(expected);

      Map<String, String> status =
          await()
              .atMost(Duration.ofSeconds(120))
              .until(
                  () -> statuses(up),
                  s -> "CONSENSUS".equals(s.get("USD")) && s.containsValue("SINGLE_SOURCE"));
      assertThat(Set.copyOf(status.values())).contains("CONSENSUS", "SINGLE_SOURCE");
      // the dispute: the two official groups quoting the disputed currency publish hours apart
      // (Buenos Aires and Warsaw), so for hours of every night their newest days differ and their
      // voices never meet; a past week backfilled from both holds the days where they do
      String disputed = up.stub().disputed();
      LocalDate monday =
          LocalDate.now(ZoneOffset.UTC).minusWeeks(1).with(java.time.DayOfWeek.MONDAY);
      for (String type : officialTypesQuoting(disputed)) {
        assertThat(backfill(data.resolve("stack"), type, monday, monday.plusDays(4)))
            .as("backfill of " + type)
            .isZero();
      }
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () -> statusesOf(up, disputed, monday, monday.plusDays(4)),
              s -> s.contains("DISPUTED"));
      int[] voices =
          await().atMost(Duration.ofSeconds(120)).until(() -> voices(up), v -> v[0] >= 30);
      assertThat(voices[0]).as("sources with accepted voices in facts").isGreaterThanOrEqualTo(30);
      assertThat(voices[1]).as("groups with accepted voices in facts").isGreaterThanOrEqualTo(25);
      // the majors: a dozen groups quote each; one may be off today
      for (String major : List.of("USD", "GBP", "JPY", "CHF")) {
        await().atMost(Duration.ofSeconds(60)).until(() -> sources(up, major), n -> n >= 5);
      }
    }
  }

  /** The official source types whose answers quote {@code currency}. */
  private static List<String> officialTypesQuoting(String currency) {
    return SourceTypes.all().stream()
        .map(SourceType::id)
        .filter(SourceTypes::official)
        .filter(
            id -> SourceTypes.samples(id).map(s -> s.currencies().contains(currency)).orElse(false))
        .toList();
  }

  /** Runs {@code bin/makerates backfill} of one source beside the running stack; its exit code. */
  private static int backfill(Path dataDir, String source, LocalDate from, LocalDate to) {
    try {
      return new CommandLine(
              new LocalBackfillCommand(
                  Map::of,
                  new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)))
          .execute(
              "--source",
              source,
              "--from",
              from.toString(),
              "--to",
              to.toString(),
              "--data-dir",
              dataDir.toString());
    } finally {
      LogbackDefaults.restore(); // the command quiets the logs of this JVM
    }
  }

  /** The statuses of the EUR rate of {@code quote} on the days from {@code from} to {@code to}. */
  private static Set<String> statusesOf(
      UpCommand.Running up, String quote, LocalDate from, LocalDate to) throws Exception {
    Set<String> statuses = new java.util.HashSet<>();
    try (Connection db =
            DriverManager.getConnection(
                up.stack().jdbcUrl(), up.stack().dbUser(), up.stack().dbPassword());
        java.sql.PreparedStatement ps =
            db.prepareStatement(
                "SELECT status FROM v_rates WHERE base = 'EUR' AND quote = ?"
                    + " AND rate_date BETWEEN ? AND ?")) {
      ps.setString(1, quote);
      ps.setObject(2, from);
      ps.setObject(3, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          statuses.add(rs.getString(1));
        }
      }
    }
    return statuses;
  }

  /** Sources and groups whose accepted voices the facts hold. */
  private static int[] voices(UpCommand.Running up) throws Exception {
    try (Connection db =
            DriverManager.getConnection(
                up.stack().jdbcUrl(), up.stack().dbUser(), up.stack().dbPassword());
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "SELECT count(DISTINCT source_id), count(DISTINCT independence_group)"
                        + " FROM v_rate_lineage WHERE accepted")) {
      rs.next();
      return new int[] {rs.getInt(1), rs.getInt(2)};
    }
  }

  /** Status of the newest EUR rate of every quote. */
  private static Map<String, String> statuses(UpCommand.Running up) throws Exception {
    Map<String, String> status = new HashMap<>();
    try (Connection db =
            DriverManager.getConnection(
                up.stack().jdbcUrl(), up.stack().dbUser(), up.stack().dbPassword());
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "SELECT DISTINCT ON (quote) quote, status FROM v_rates"
                        + " WHERE base = 'EUR' ORDER BY quote, rate_date DESC")) {
      while (rs.next()) {
        status.put(rs.getString(1), rs.getString(2));
      }
    }
    return status;
  }

  private static int sources(UpCommand.Running up, String quote) throws Exception {
    try (Connection db =
            DriverManager.getConnection(
                up.stack().jdbcUrl(), up.stack().dbUser(), up.stack().dbPassword());
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "SELECT source_count FROM v_rates WHERE base = 'EUR' AND quote = '"
                        + quote
                        + "' ORDER BY rate_date DESC LIMIT 1")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
