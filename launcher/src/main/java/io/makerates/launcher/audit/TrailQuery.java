package io.makerates.launcher.audit;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads a rate's trail through the reader views ({@code v_rates}, {@code v_rate_history}, {@code
 * v_rate_lineage}), so the audit works with the {@code makerates_reader} role as well as with the
 * schema's owner.
 */
public final class TrailQuery {

  /**
   * Which revision to audit: a number, the newest recorded at or before a time, or (neither) the
   * current one.
   */
  public record Selection(OptionalInt revision, Optional<Instant> asOf) {

    public static Selection current() {
      return new Selection(OptionalInt.empty(), Optional.empty());
    }
  }

  private final Connection connection;

  public TrailQuery(Connection connection) {
    this.connection = connection;
  }

  /**
   * The trail, or a message saying what is missing (no such rate, no such revision, nothing known
   * at that time).
   */
  public RateTrail load(LocalDate date, String base, String quote, Selection selection)
      throws SQLException, AuditException {
    Optional<RateTrail.Revision> current = current(date, base, quote);
    List<RateTrail.Revision> revisions = revisions(date, base, quote);
    if (revisions.isEmpty()) {
      throw new AuditException(
          "no rate "
              + base
              + "/"
              + quote
              + " on "
              + date
              + " in the star schema"
              + (current.isPresent() ? " history (the fact row has no recorded revisions)" : ""));
    }
    RateTrail.Revision audited;
    if (selection.revision().isPresent()) {
      int wanted = selection.revision().getAsInt();
      audited =
          revisions.stream()
              .filter(r -> r.number() == wanted)
              .findFirst()
              .orElseThrow(
                  () ->
                      new AuditException(
                          base
                              + "/"
                              + quote
                              + " on "
                              + date
                              + " has no revision "
                              + wanted
                              + "; its revisions are "
                              + revisions.stream().map(r -> String.valueOf(r.number())).toList()));
    } else if (selection.asOf().isPresent()) {
      Instant at = selection.asOf().get();
      audited =
          revisions.stream()
              .filter(r -> !r.recordedAt().isAfter(at))
              .reduce((a, b) -> b)
              .orElseThrow(
                  () ->
                      new AuditException(
                          base
                              + "/"
                              + quote
                              + " on "
                              + date
                              + " was not yet known at "
                              + at
                              + ": its first revision was recorded at "
                              + revisions.get(0).recordedAt()));
    } else {
      int number =
          current
              .map(RateTrail.Revision::number)
              .orElse(revisions.get(revisions.size() - 1).number());
      audited =
          revisions.stream()
              .filter(r -> r.number() == number)
              .findFirst()
              .orElse(revisions.get(revisions.size() - 1));
    }
    Map<Integer, List<RateTrail.Voice>> lineage = voices(date, base, quote);
    return new RateTrail(
        date,
        base,
        quote,
        current,
        revisions,
        audited,
        lineage.getOrDefault(audited.number(), List.of()),
        changes(revisions, lineage));
  }

  /** For each revision after the first, what changed against the one before it. */
  private static Map<Integer, List<RevisionChanges.Change>> changes(
      List<RateTrail.Revision> revisions, Map<Integer, List<RateTrail.Voice>> lineage) {
    Map<Integer, List<RevisionChanges.Change>> changes = new TreeMap<>();
    for (int i = 1; i < revisions.size(); i++) {
      RateTrail.Revision before = revisions.get(i - 1);
      RateTrail.Revision after = revisions.get(i);
      changes.put(
          after.number(),
          RevisionChanges.between(
              before,
              lineage.getOrDefault(before.number(), List.of()),
              after,
              lineage.getOrDefault(after.number(), List.of())));
    }
    return changes;
  }

  private Optional<RateTrail.Revision> current(LocalDate date, String base, String quote)
      throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT revision, rate, status, derived, source_count, spread_bps, flags, updated_at FROM v_rates"
                + " WHERE rate_date = ? AND base = ? AND quote = ?")) {
      bind(ps, date, base, quote);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(revision(rs, "updated_at")) : Optional.empty();
      }
    }
  }

  private List<RateTrail.Revision> revisions(LocalDate date, String base, String quote)
      throws SQLException {
    List<RateTrail.Revision> out = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT revision, rate, status, derived, source_count, spread_bps, flags, recorded_at FROM v_rate_history"
                + " WHERE rate_date = ? AND base = ? AND quote = ? ORDER BY revision")) {
      bind(ps, date, base, quote);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(revision(rs, "recorded_at"));
        }
      }
    }
    return out;
  }

  /**
   * The distinct EUR→{@code currency} values the group's sources gave on {@code date}, in any
   * revision: the legs an answer without EUR of that group may have voted through.
   */
  public List<GroupLegLookup.Leg> groupLegs(LocalDate date, String currency, String group)
      throws AuditException {
    List<GroupLegLookup.Leg> legs = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT DISTINCT value, source_id, extraction_id FROM v_rate_lineage"
                + " WHERE rate_date = ? AND base = 'EUR' AND quote = ? AND leg = ?"
                + " AND independence_group = ? ORDER BY source_id, value")) {
      ps.setObject(1, date);
      ps.setString(2, currency);
      ps.setString(3, "EUR/" + currency);
      ps.setString(4, group);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          legs.add(
              new GroupLegLookup.Leg(
                  rs.getBigDecimal("value"),
                  rs.getString("source_id"),
                  rs.getObject("extraction_id", UUID.class)));
        }
      }
    } catch (SQLException e) {
      throw new AuditException(
          "could not read group " + group + "'s EUR/" + currency + " voices: " + e.getMessage());
    }
    return legs;
  }

  /** The voices of every revision of the rate, by revision: one query for the whole trail. */
  private Map<Integer, List<RateTrail.Voice>> voices(LocalDate date, String base, String quote)
      throws SQLException {
    Map<Integer, List<RateTrail.Voice>> out = new TreeMap<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT revision, leg, source_id, independence_group, value, accepted, rejection_reason, flag,"
                + " extraction_id, bronze_topic, bronze_partition, bronze_offset FROM v_rate_lineage"
                + " WHERE rate_date = ? AND base = ? AND quote = ? ORDER BY revision, leg, source_id")) {
      bind(ps, date, base, quote);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String leg = rs.getString("leg");
          out.computeIfAbsent(rs.getInt("revision"), r -> new ArrayList<>())
              .add(
                  new RateTrail.Voice(
                      "unrecorded".equals(leg) ? base + "/" + quote : leg,
                      rs.getString("source_id"),
                      rs.getString("independence_group"),
                      rs.getBigDecimal("value"),
                      rs.getBoolean("accepted"),
                      rs.getString("rejection_reason"),
                      rs.getString("flag"),
                      rs.getObject("extraction_id", UUID.class),
                      rs.getString("bronze_topic"),
                      rs.getInt("bronze_partition"),
                      rs.getLong("bronze_offset")));
        }
      }
    }
    return out;
  }

  private static void bind(PreparedStatement ps, LocalDate date, String base, String quote)
      throws SQLException {
    ps.setObject(1, date);
    ps.setString(2, base);
    ps.setString(3, quote);
  }

  private static RateTrail.Revision revision(ResultSet rs, String timeColumn) throws SQLException {
    BigDecimal spread = rs.getBigDecimal("spread_bps");
    Timestamp time = rs.getTimestamp(timeColumn);
    return new RateTrail.Revision(
        rs.getInt("revision"),
        rs.getBigDecimal("rate"),
        rs.getString("status"),
        rs.getBoolean("derived"),
        rs.getInt("source_count"),
        spread,
        texts(rs.getArray("flags")),
        time == null ? null : time.toInstant());
  }

  private static List<String> texts(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return List.of((String[]) array.getArray());
  }
}
