package io.makerates.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The dimension rows a batch of rates refers to: its dates in dim_date, and its sources in
 * dim_source with the base their answers came in. What this writer has stored once is remembered,
 * so that a batch of known days and sources, nearly every batch, costs no round trip.
 */
final class DimensionRows {

  // in sorted order, so that writers adding the same new dates or sources at once wait for each
  // other, never deadlock
  private static final String ENSURE_DATES =
      """
      INSERT INTO dim_date
      SELECT r.* FROM (SELECT DISTINCT d FROM unnest(?::date[]) d ORDER BY d) s, LATERAL dim_date_row(s.d) r
      ON CONFLICT DO NOTHING
      """;

  // sources the seed data does not know yet still get their lineage stored, and every source the
  // base its answers came in (MAKERATES_SOURCE_<ID>_BASE): a code not in dim_currency is left out,
  // and a row is written only when its base changes, so that batches do not queue on it
  private static final String ENSURE_SOURCES =
      """
      INSERT INTO dim_source AS d (source_id, name, independence_group, base_currency)
      SELECT DISTINCT ON (id) id, id, grp, c.code
      FROM unnest(?::text[], ?::text[], ?::text[]) AS s(id, grp, base)
      LEFT JOIN dim_currency c ON c.code = s.base
      ORDER BY id
      ON CONFLICT (source_id) DO UPDATE SET base_currency = EXCLUDED.base_currency
      WHERE EXCLUDED.base_currency IS NOT NULL
        AND d.base_currency IS DISTINCT FROM EXCLUDED.base_currency
      """;

  private final Set<LocalDate> knownDates = ConcurrentHashMap.newKeySet();
  // source id -> its group and base as last stored
  private final Map<String, String> knownSources = new ConcurrentHashMap<>();

  /**
   * Adds the dates and sources of the rates to dim_date and dim_source, committed on their own:
   * they are facts about the calendar and the sources, true whether or not the rates that name them
   * are stored yet. Committing them first keeps the writers of other partitions from queueing
   * behind this transaction for the same new days.
   */
  void ensure(DataSource dataSource, Collection<SilverRate> rates) throws SQLException {
    // hashed, not sorted: the statements put them in order themselves
    Set<LocalDate> dates = new HashSet<>();
    Map<String, String> sources = new HashMap<>();
    Map<String, String> bases = new HashMap<>();
    for (SilverRate r : rates) {
      if (!knownDates.contains(r.date())) {
        dates.add(r.date());
      }
      for (SilverRate.Lineage c : r.contributions()) {
        sources.putIfAbsent(c.sourceId(), c.independenceGroup());
        if (c.providerBase() != null) {
          bases.put(c.sourceId(), c.providerBase()); // the batch's latest record says it last
        }
      }
    }
    sources.keySet().removeIf(id -> identity(sources, bases, id).equals(knownSources.get(id)));
    if (dates.isEmpty() && sources.isEmpty()) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement ensureDates = connection.prepareStatement(ENSURE_DATES);
        PreparedStatement ensureSources = connection.prepareStatement(ENSURE_SOURCES)) {
      connection.setAutoCommit(true);
      if (!dates.isEmpty()) {
        ensureDates.setArray(
            1, connection.createArrayOf("date", dates.stream().map(LocalDate::toString).toArray()));
        ensureDates.executeUpdate();
      }
      if (!sources.isEmpty()) {
        ensureSources.setArray(1, connection.createArrayOf("text", sources.keySet().toArray()));
        ensureSources.setArray(2, connection.createArrayOf("text", sources.values().toArray()));
        ensureSources.setArray(
            3,
            connection.createArrayOf("text", sources.keySet().stream().map(bases::get).toArray()));
        ensureSources.executeUpdate();
      }
    }
    knownDates.addAll(dates);
    sources.keySet().forEach(id -> knownSources.put(id, identity(sources, bases, id)));
  }

  private static String identity(Map<String, String> groups, Map<String, String> bases, String id) {
    return groups.get(id) + " " + bases.get(id);
  }
}
