package io.makerates.launcher.audit;

import io.makerates.schema.BronzeExtraction;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Deserializer;

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
  private final String bootstrapServers;
  private final Deserializer<BronzeExtraction> bronzeValues;

  public RateAudit(
      Connection database, String bootstrapServers, Deserializer<BronzeExtraction> bronzeValues) {
    this.database = database;
    this.bootstrapServers = bootstrapServers;
    this.bronzeValues = bronzeValues;
  }

  public Report audit(LocalDate date, String base, String quote, TrailQuery.Selection selection)
      throws SQLException, AuditException {
    RateTrail trail = new TrailQuery(database).load(date, base, quote, selection);
    VoiceVerifier verifier = new VoiceVerifier();
    List<VoiceCheck> checks = new ArrayList<>();
    try (BronzeLookup bronze = new BronzeLookup(bootstrapServers, bronzeValues)) {
      for (RateTrail.Voice voice : trail.voices()) {
        checks.add(
            verifier.check(
                date,
                voice,
                bronze.read(voice.bronzeTopic(), voice.bronzePartition(), voice.bronzeOffset())));
      }
    }
    return new Report(trail, checks);
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
