package io.makerates.launcher.audit;

import io.makerates.schema.BronzeExtraction;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Audits one rate: its trail from the star schema, then each voice checked against the bronze
 * record it names. The result is a report that prints as a readable trail or as JSON; it is
 * verified only when every voice is.
 */
public final class RateAudit {

  /** The trail and every voice's checks. */
  public record Report(RateTrail trail, List<VoiceCheck> voices) {

    public Report {
      voices = List.copyOf(voices);
    }

    public boolean verified() {
      return !voices.isEmpty() && voices.stream().allMatch(VoiceCheck::verified);
    }

    public long failed() {
      return voices.stream().filter(v -> !v.verified()).count();
    }
  }

  private final Connection database;
  private final CompletableFuture<BronzeLookup> bronze;

  /**
   * @param bronze the bronze reader, being started while the trail is read from the database (a
   *     Kafka client and the registry's serde take about as long to start as the queries take)
   */
  public RateAudit(Connection database, CompletableFuture<BronzeLookup> bronze) {
    this.database = database;
    this.bronze = bronze;
  }

  public Report audit(LocalDate date, String base, String quote, TrailQuery.Selection selection)
      throws SQLException, AuditException {
    TrailQuery query = new TrailQuery(database);
    RateTrail trail = query.load(date, base, quote, selection);
    // one connection for the checking threads: its queries one at a time
    VoiceVerifier verifier =
        new VoiceVerifier(
            (day, currency, group) -> {
              synchronized (query) {
                return query.groupLegs(day, currency, group);
              }
            });
    List<VoiceCheck> checks = new ArrayList<>();
    // in the order of the records, so that the reader moves forward through each partition; one
    // thread reads the next record while this one checks the body of the last
    List<RateTrail.Voice> byRecord =
        trail.voices().stream()
            .sorted(
                Comparator.comparing(RateTrail.Voice::bronzeTopic)
                    .thenComparingInt(RateTrail.Voice::bronzePartition)
                    .thenComparingLong(RateTrail.Voice::bronzeOffset))
            .toList();
    ExecutorService reader = daemons(1, "makerates-audit-bronze");
    // the voices of different answers are checked side by side: reading a large body again (a
    // year of a central bank's rates) is most of an audit's time once the records are read
    ExecutorService checker = daemons(2, "makerates-audit-check");
    Map<RateTrail.Voice, VoiceCheck> checked = new ConcurrentHashMap<>();
    try {
      Map<String, CompletableFuture<Void>> answers = new LinkedHashMap<>();
      for (RateTrail.Voice v : byRecord) {
        CompletableFuture<Optional<ConsumerRecord<String, BronzeExtraction>>> read =
            bronze.thenApplyAsync(
                lookup -> lookup.read(v.bronzeTopic(), v.bronzePartition(), v.bronzeOffset()),
                reader);
        // voices of one answer one after the other: the first reads its body, the rest reuse it
        String answer = v.bronzeTopic() + "/" + v.bronzePartition() + "@" + v.bronzeOffset();
        CompletableFuture<Void> before =
            answers.getOrDefault(answer, CompletableFuture.completedFuture(null));
        answers.put(
            answer,
            before.thenAcceptBothAsync(
                read, (done, r) -> checked.put(v, verifier.check(date, v, r)), checker));
      }
      CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new)).join();
    } finally {
      reader.shutdown();
      checker.shutdown();
    }
    trail.voices().forEach(v -> checks.add(checked.get(v)));
    return new Report(trail, checks);
  }

  private static ExecutorService daemons(int threads, String name) {
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * The trail for a terminal: fact row, revisions, then each voice with its bronze record and
   * checks.
   */
  public static void print(Report report, PrintStream out) {
    RateTrail trail = report.trail();
    RateTrail.Revision audited = trail.audited();
    out.printf("%s on %s%n", trail.pair(), trail.date());
    trail
        .current()
        .ifPresentOrElse(
            c ->
                out.printf(
                    "fact row     %s %s, %d source(s), spread %s bps, revision %d%s%s%n",
                    c.rate().toPlainString(),
                    c.status(),
                    c.sourceCount(),
                    plain(c.spreadBps()),
                    c.number(),
                    c.derived() ? ", derived (cross rate)" : "",
                    c.flags().isEmpty() ? "" : ", flags " + String.join(",", c.flags())),
            () -> out.println("fact row     none (only history rows)"));
    out.println("revisions");
    for (RateTrail.Revision r : trail.revisions()) {
      out.printf(
          "  %-4d %-24s %-22s %-13s %d source(s)%s%n",
          r.number(),
          r.recordedAt(),
          r.rate().toPlainString(),
          r.status(),
          r.sourceCount(),
          r.number() == audited.number() ? "   <- audited" : "");
      for (RevisionChanges.Change change : trail.changesOf(r.number())) {
        out.printf("       %s%n", change.detail());
      }
      if (r.number() != trail.revisions().get(0).number()
          && trail.changesOf(r.number()).isEmpty()) {
        out.println("       no change of value, status, flags or voices recorded");
      }
    }
    out.printf("voices of revision %d%n", audited.number());
    for (VoiceCheck check : report.voices()) {
      RateTrail.Voice v = check.voice();
      out.printf(
          "  %s (group %s) %s %s %s%s%n",
          v.sourceId(),
          v.independenceGroup(),
          v.leg(),
          v.value().toPlainString(),
          v.accepted() ? "accepted" : "set aside: " + v.rejectionReason(),
          v.flag() == null ? "" : " [" + v.flag() + "]");
      VoiceCheck.Bronze b = check.bronze();
      if (b.sourceId() != null) {
        out.printf(
            "    bronze     %s/%d@%d: %s answer extracted %s, HTTP %s, %s bytes%n",
            v.bronzeTopic(),
            v.bronzePartition(),
            v.bronzeOffset(),
            b.sourceType(),
            b.extractedAt(),
            b.httpStatus(),
            b.sizeBytes());
        out.printf("    request    %s%n", b.url());
      }
      if (check.arithmetic() != null) {
        out.printf("    arithmetic %s%n", check.arithmetic());
      }
      for (VoiceCheck.Check c : check.checks()) {
        out.printf("    %-4s %-14s %s%n", c.ok() ? "ok" : "FAIL", c.name(), c.detail());
      }
    }
    if (report.voices().isEmpty()) {
      out.println("  none recorded: this revision has no lineage to verify");
    }
    out.println(
        report.verified()
            ? "verified: all " + report.voices().size() + " voice(s) match their raw answers"
            : "NOT VERIFIED: "
                + (report.voices().isEmpty()
                    ? "no voices"
                    : report.failed()
                        + " of "
                        + report.voices().size()
                        + " voice(s) do not match their raw answers ("
                        + report.voices().stream()
                            .filter(v -> !v.verified())
                            .map(v -> v.voice().sourceId() + " " + v.voice().leg())
                            .collect(Collectors.joining(", "))
                        + ")"));
  }

  private static String plain(java.math.BigDecimal value) {
    return value == null ? "-" : value.toPlainString();
  }
}
