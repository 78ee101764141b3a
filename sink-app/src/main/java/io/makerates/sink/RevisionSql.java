package io.makerates.sink;

/**
 * The statements that store a batch of revisions from {@code stage_rate}, in the order the writer
 * runs them in one transaction. A revision is written once (V13): the current revision of a pair
 * and day lives in its fact row with its lineage and the time it was recorded, and reaches {@code
 * fact_rate_history} only when a newer one supersedes it. The upsert of the fact rows moves a
 * superseded row itself, through V14's trigger; the statements after it run only when the writer
 * knows they have work: revisions of the batch that a newer one in the same batch supersedes, and
 * revisions older than the stored one (a replay). A first replay so costs one COPY and one upsert
 * per batch. Replaying a batch changes nothing, and an older revision never overwrites a newer one.
 * Silver written by earlier streams-app versions may hold a revision number twice (more lineage, or
 * other values after a late answer): the later record stands, and {@code recorded_at} moves only
 * when the values changed.
 */
final class RevisionSql {

  // package-visible with UPSERT_FACT: the benchmark's COPY-and-upsert ceiling runs these very
  // statements (its rows without lineage: the defaults). A revision's lineage comes with it, one
  // array element per voice (V7). The writer marks the newest revision of each pair and day in the
  // batch, and the newest of each pair, so that no statement sorts the batch to find them.
  static final String CREATE_STAGE_RATE =
      """
      CREATE TEMP TABLE IF NOT EXISTS stage_rate (
        date_key integer, rate_date date, base char(3), quote char(3), rate numeric, status text, derived boolean,
        source_count integer, spread_bps numeric, confidence_low numeric, confidence_high numeric, revision integer,
        lineage_leg text[] DEFAULT '{}', lineage_source_id text[] DEFAULT '{}',
        lineage_extraction_id uuid[] DEFAULT '{}', lineage_value numeric[] DEFAULT '{}',
        lineage_accepted boolean[] DEFAULT '{}', lineage_rejection_reason text[] DEFAULT '{}',
        lineage_bronze_topic text[] DEFAULT '{}', lineage_bronze_partition integer[] DEFAULT '{}',
        lineage_bronze_offset bigint[] DEFAULT '{}', flags text[] DEFAULT '{}', lineage_flag text[],
        newest_of_day boolean DEFAULT true, newest_of_pair boolean DEFAULT false, lineage_topic text
      ) ON COMMIT DELETE ROWS;
      """;

  /** The columns of {@code stage_rate}, the fields of each row the writer copies in. */
  static final int STAGE_RATE_COLUMNS = 26;

  private static final String LINEAGE_SET =
      """
      lineage_leg = excluded.lineage_leg, lineage_source_id = excluded.lineage_source_id,
      lineage_extraction_id = excluded.lineage_extraction_id, lineage_value = excluded.lineage_value,
      lineage_accepted = excluded.lineage_accepted, lineage_rejection_reason = excluded.lineage_rejection_reason,
      lineage_bronze_topic = excluded.lineage_bronze_topic,
      lineage_bronze_partition = excluded.lineage_bronze_partition,
      lineage_bronze_offset = excluded.lineage_bronze_offset, lineage_flag = excluded.lineage_flag,
      lineage_topic = excluded.lineage_topic
      """;

  /** Whether the staged fact's values differ from the stored row's (its lineage aside). */
  private static final String FACT_VALUES_DIFFER =
      """
      (f.rate, f.status, f.derived, f.source_count, f.spread_bps, f.confidence_low, f.confidence_high, f.flags)
        IS DISTINCT FROM (excluded.rate, excluded.status, excluded.derived, excluded.source_count,
                          excluded.spread_bps, excluded.confidence_low, excluded.confidence_high, excluded.flags)
      """;

  private static final String REVISION_COLUMNS =
      """
      date_key, base, quote, revision, rate, status, derived, source_count, spread_bps, recorded_at,
      lineage_leg, lineage_source_id, lineage_extraction_id, lineage_value, lineage_accepted,
      lineage_rejection_reason, lineage_bronze_topic, lineage_bronze_partition, lineage_bronze_offset, flags,
      lineage_flag, lineage_topic
      """;

  private static final String STAGED_REVISION =
      """
      SELECT s.date_key, s.base, s.quote, s.revision, s.rate, s.status, s.derived, s.source_count, s.spread_bps,
             now(), s.lineage_leg, s.lineage_source_id, s.lineage_extraction_id, s.lineage_value,
             s.lineage_accepted, s.lineage_rejection_reason, s.lineage_bronze_topic, s.lineage_bronze_partition,
             s.lineage_bronze_offset, s.flags, s.lineage_flag, s.lineage_topic
      FROM stage_rate s
      """;

  // a revision the history holds already is replaced only where it differs (the later record
  // stands), as V14's trigger replaces it
  private static final String INTO_HISTORY =
      """
      ON CONFLICT (date_key, base, quote, revision) DO UPDATE SET
        rate = excluded.rate, status = excluded.status, derived = excluded.derived,
        source_count = excluded.source_count, spread_bps = excluded.spread_bps, flags = excluded.flags,
        recorded_at = CASE WHEN (h.rate, h.status, h.derived, h.source_count, h.spread_bps, h.flags)
                                 IS DISTINCT FROM (excluded.rate, excluded.status, excluded.derived,
                                                   excluded.source_count, excluded.spread_bps, excluded.flags)
                           THEN excluded.recorded_at ELSE h.recorded_at END,
      """
          + LINEAGE_SET
          + """
      WHERE (h.rate, h.status, h.derived, h.source_count, h.spread_bps, h.flags, h.lineage_leg,
             h.lineage_source_id, h.lineage_extraction_id, h.lineage_value, h.lineage_accepted,
             h.lineage_rejection_reason, h.lineage_bronze_topic, h.lineage_bronze_partition,
             h.lineage_bronze_offset, h.lineage_flag, h.lineage_topic)
        IS DISTINCT FROM
            (excluded.rate, excluded.status, excluded.derived, excluded.source_count, excluded.spread_bps,
             excluded.flags, excluded.lineage_leg, excluded.lineage_source_id,
             excluded.lineage_extraction_id, excluded.lineage_value, excluded.lineage_accepted,
             excluded.lineage_rejection_reason, excluded.lineage_bronze_topic,
             excluded.lineage_bronze_partition, excluded.lineage_bronze_offset, excluded.lineage_flag,
             excluded.lineage_topic)
      """;

  /**
   * Revisions of the batch that a newer one of the same pair and day in the batch supersedes: run
   * after the upsert, so that a copy of the stored revision in the batch stands over the one the
   * trigger moved.
   */
  static final String INSERT_SUPERSEDED_IN_BATCH =
      "INSERT INTO fact_rate_history AS h ("
          + REVISION_COLUMNS
          + ") "
          + STAGED_REVISION
          + " WHERE NOT s.newest_of_day "
          + INTO_HISTORY;

  /**
   * Staged revisions older than the one stored (a replay, or a late record): run after the upsert
   * when it wrote fewer rows than the batch has pairs and days, it finds them by the fact row that
   * stands now.
   */
  static final String INSERT_OLDER_THAN_STORED =
      "INSERT INTO fact_rate_history AS h ("
          + REVISION_COLUMNS
          + ") "
          + STAGED_REVISION
          + " JOIN fact_rate f ON (f.date_key, f.base, f.quote) = (s.date_key, s.base, s.quote)"
          + " WHERE s.newest_of_day AND s.revision < f.revision "
          + INTO_HISTORY;

  /**
   * The batch's newest revision of each pair and day becomes the fact row, with its lineage, unless
   * the row holds a newer one (V14's trigger moves the row it supersedes to the history); the same
   * revision again replaces it only where it differs. {@code updated_at} and {@code recorded_at}
   * move when the values do (a new revision, or the same one with other values), not for lineage
   * alone.
   */
  static final String UPSERT_FACT =
      """
      INSERT INTO fact_rate AS f
        (date_key, base, quote, rate, status, derived, source_count, spread_bps, confidence_low, confidence_high,
         revision, updated_at, flags, recorded_at, lineage_leg, lineage_source_id, lineage_extraction_id,
         lineage_value, lineage_accepted, lineage_rejection_reason, lineage_bronze_topic, lineage_bronze_partition,
         lineage_bronze_offset, lineage_flag, lineage_topic)
      SELECT date_key, base, quote, rate, status, derived, source_count, spread_bps, confidence_low, confidence_high,
             revision, now(), flags, now(), lineage_leg, lineage_source_id, lineage_extraction_id, lineage_value,
             lineage_accepted, lineage_rejection_reason, lineage_bronze_topic, lineage_bronze_partition,
             lineage_bronze_offset, lineage_flag, lineage_topic
      FROM stage_rate
      WHERE newest_of_day
      ON CONFLICT (date_key, base, quote) DO UPDATE SET
        rate = excluded.rate, status = excluded.status, derived = excluded.derived,
        source_count = excluded.source_count, spread_bps = excluded.spread_bps,
        confidence_low = excluded.confidence_low, confidence_high = excluded.confidence_high,
        flags = excluded.flags,
        updated_at = CASE WHEN excluded.revision > f.revision OR """
          + FACT_VALUES_DIFFER
          + """
                          THEN excluded.updated_at ELSE f.updated_at END,
        recorded_at = CASE WHEN excluded.revision > f.revision OR """
          + FACT_VALUES_DIFFER
          + """
                           THEN excluded.recorded_at ELSE f.recorded_at END,
        revision = excluded.revision,
      """
          + LINEAGE_SET
          + """
      WHERE excluded.revision > f.revision
         OR (excluded.revision = f.revision
             AND (f.rate, f.status, f.derived, f.source_count, f.spread_bps, f.confidence_low, f.confidence_high,
                  f.flags, f.lineage_leg, f.lineage_source_id, f.lineage_extraction_id, f.lineage_value,
                  f.lineage_accepted, f.lineage_rejection_reason, f.lineage_bronze_topic,
                  f.lineage_bronze_partition, f.lineage_bronze_offset, f.lineage_flag, f.lineage_topic)
                 IS DISTINCT FROM (excluded.rate, excluded.status, excluded.derived, excluded.source_count,
                                   excluded.spread_bps, excluded.confidence_low, excluded.confidence_high,
                                   excluded.flags, excluded.lineage_leg, excluded.lineage_source_id,
                                   excluded.lineage_extraction_id, excluded.lineage_value,
                                   excluded.lineage_accepted, excluded.lineage_rejection_reason,
                                   excluded.lineage_bronze_topic, excluded.lineage_bronze_partition,
                                   excluded.lineage_bronze_offset, excluded.lineage_flag,
                                   excluded.lineage_topic))
      """;

  static final String UPSERT_LATEST =
      """
      INSERT INTO latest_rate AS l
        (base, quote, rate_date, rate, status, derived, source_count, spread_bps, revision, updated_at, flags)
      SELECT base, quote, rate_date, rate, status, derived, source_count, spread_bps, revision, now(), flags
      FROM stage_rate
      WHERE newest_of_pair
      -- in key order: the sink's writers update the same latest_rate rows, and rows locked in
      -- different orders deadlock
      ORDER BY base, quote
      ON CONFLICT (base, quote) DO UPDATE SET
        rate_date = excluded.rate_date, rate = excluded.rate, status = excluded.status, derived = excluded.derived,
        source_count = excluded.source_count, spread_bps = excluded.spread_bps, revision = excluded.revision,
        updated_at = excluded.updated_at, flags = excluded.flags
      WHERE (excluded.rate_date, excluded.revision) > (l.rate_date, l.revision)
         OR ((excluded.rate_date, excluded.revision) = (l.rate_date, l.revision)
             AND (l.rate, l.status, l.derived, l.source_count, l.spread_bps, l.flags)
                 IS DISTINCT FROM (excluded.rate, excluded.status, excluded.derived, excluded.source_count,
                                   excluded.spread_bps, excluded.flags))
      """;

  private RevisionSql() {}
}
