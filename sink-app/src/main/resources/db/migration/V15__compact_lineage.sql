-- Two of a revision's lineage arrays nearly always repeat one value for every voice: the bronze topic its answers
-- were read from, and the leg, which for every rate but a cross rate is the rate's own pair. Written out per voice
-- they were a quarter of a fact row (136 and 69 of its 730 bytes with four voices), and a fact row's bytes are
-- what a first replay pays for. Such a revision now stores the topic once, in lineage_topic, and NULL for the
-- two arrays; a revision whose voices differ in either keeps the array. fact_rate_revision writes the arrays out
-- again, so every view over it, and every reader, sees exactly what it saw before. Rows stored earlier keep their
-- arrays: both forms are read the same way.

ALTER TABLE fact_rate
  ADD COLUMN lineage_topic text,
  ALTER COLUMN lineage_leg DROP NOT NULL,
  ALTER COLUMN lineage_bronze_topic DROP NOT NULL,
  ALTER COLUMN lineage_leg DROP DEFAULT,
  ALTER COLUMN lineage_bronze_topic DROP DEFAULT;
ALTER TABLE fact_rate_history
  ADD COLUMN lineage_topic text,
  ALTER COLUMN lineage_leg DROP NOT NULL,
  ALTER COLUMN lineage_bronze_topic DROP NOT NULL,
  ALTER COLUMN lineage_leg DROP DEFAULT,
  ALTER COLUMN lineage_bronze_topic DROP DEFAULT;

-- a voice is still complete: one element in every array it has, and a topic for it either way
ALTER TABLE fact_rate DROP CONSTRAINT fact_rate_lineage_complete;
ALTER TABLE fact_rate ADD CONSTRAINT fact_rate_lineage_complete CHECK (
  coalesce(cardinality(lineage_leg), cardinality(lineage_source_id)) = cardinality(lineage_source_id)
  AND cardinality(lineage_source_id) = cardinality(lineage_extraction_id)
  AND cardinality(lineage_source_id) = cardinality(lineage_value)
  AND cardinality(lineage_source_id) = cardinality(lineage_accepted)
  AND cardinality(lineage_source_id) = cardinality(lineage_rejection_reason)
  AND coalesce(cardinality(lineage_bronze_topic), cardinality(lineage_source_id)) = cardinality(lineage_source_id)
  AND (lineage_bronze_topic IS NOT NULL OR lineage_topic IS NOT NULL OR cardinality(lineage_source_id) = 0)
  AND cardinality(lineage_source_id) = cardinality(lineage_bronze_partition)
  AND cardinality(lineage_source_id) = cardinality(lineage_bronze_offset)
  AND (lineage_flag IS NULL OR cardinality(lineage_flag) = cardinality(lineage_source_id)));
ALTER TABLE fact_rate_history DROP CONSTRAINT fact_rate_history_lineage_complete;
ALTER TABLE fact_rate_history ADD CONSTRAINT fact_rate_history_lineage_complete CHECK (
  coalesce(cardinality(lineage_leg), cardinality(lineage_source_id)) = cardinality(lineage_source_id)
  AND cardinality(lineage_source_id) = cardinality(lineage_extraction_id)
  AND cardinality(lineage_source_id) = cardinality(lineage_value)
  AND cardinality(lineage_source_id) = cardinality(lineage_accepted)
  AND cardinality(lineage_source_id) = cardinality(lineage_rejection_reason)
  AND coalesce(cardinality(lineage_bronze_topic), cardinality(lineage_source_id)) = cardinality(lineage_source_id)
  AND (lineage_bronze_topic IS NOT NULL OR lineage_topic IS NOT NULL OR cardinality(lineage_source_id) = 0)
  AND cardinality(lineage_source_id) = cardinality(lineage_bronze_partition)
  AND cardinality(lineage_source_id) = cardinality(lineage_bronze_offset));

CREATE OR REPLACE VIEW fact_rate_revision AS
SELECT date_key, base, quote, revision, rate, status, derived, source_count, spread_bps, recorded_at,
       coalesce(lineage_leg, array_fill(base || '/' || quote, ARRAY[cardinality(lineage_source_id)])) AS lineage_leg,
       lineage_source_id, lineage_extraction_id, lineage_value, lineage_accepted, lineage_rejection_reason,
       coalesce(lineage_bronze_topic, array_fill(lineage_topic, ARRAY[cardinality(lineage_source_id)]))
         AS lineage_bronze_topic,
       lineage_bronze_partition, lineage_bronze_offset, flags, lineage_flag
FROM fact_rate_history
UNION ALL
SELECT date_key, base, quote, revision, rate, status, derived, source_count, spread_bps, recorded_at,
       coalesce(lineage_leg, array_fill(base || '/' || quote, ARRAY[cardinality(lineage_source_id)])),
       lineage_source_id, lineage_extraction_id, lineage_value, lineage_accepted, lineage_rejection_reason,
       coalesce(lineage_bronze_topic, array_fill(lineage_topic, ARRAY[cardinality(lineage_source_id)])),
       lineage_bronze_partition, lineage_bronze_offset, flags, lineage_flag
FROM fact_rate;

-- V14's trigger moves a superseded revision with its topic
CREATE OR REPLACE FUNCTION fact_rate_move_superseded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO fact_rate_history AS h (
    date_key, base, quote, revision, rate, status, derived, source_count, spread_bps, recorded_at, lineage_leg,
    lineage_source_id, lineage_extraction_id, lineage_value, lineage_accepted, lineage_rejection_reason,
    lineage_bronze_topic, lineage_bronze_partition, lineage_bronze_offset, flags, lineage_flag, lineage_topic)
  VALUES (
    OLD.date_key, OLD.base, OLD.quote, OLD.revision, OLD.rate, OLD.status, OLD.derived, OLD.source_count,
    OLD.spread_bps, OLD.recorded_at, OLD.lineage_leg, OLD.lineage_source_id, OLD.lineage_extraction_id,
    OLD.lineage_value, OLD.lineage_accepted, OLD.lineage_rejection_reason, OLD.lineage_bronze_topic,
    OLD.lineage_bronze_partition, OLD.lineage_bronze_offset, OLD.flags, OLD.lineage_flag, OLD.lineage_topic)
  ON CONFLICT (date_key, base, quote, revision) DO UPDATE SET
    rate = excluded.rate, status = excluded.status, derived = excluded.derived, source_count = excluded.source_count,
    spread_bps = excluded.spread_bps,
    recorded_at = CASE WHEN (h.rate, h.status, h.derived, h.source_count, h.spread_bps, h.flags)
                             IS DISTINCT FROM (excluded.rate, excluded.status, excluded.derived,
                                               excluded.source_count, excluded.spread_bps, excluded.flags)
                       THEN excluded.recorded_at ELSE h.recorded_at END,
    lineage_leg = excluded.lineage_leg,
    lineage_source_id = excluded.lineage_source_id, lineage_extraction_id = excluded.lineage_extraction_id,
    lineage_value = excluded.lineage_value, lineage_accepted = excluded.lineage_accepted,
    lineage_rejection_reason = excluded.lineage_rejection_reason, lineage_bronze_topic = excluded.lineage_bronze_topic,
    lineage_bronze_partition = excluded.lineage_bronze_partition,
    lineage_bronze_offset = excluded.lineage_bronze_offset, flags = excluded.flags,
    lineage_flag = excluded.lineage_flag, lineage_topic = excluded.lineage_topic
  WHERE (h.rate, h.status, h.derived, h.source_count, h.spread_bps, h.flags, h.lineage_leg,
         h.lineage_source_id, h.lineage_extraction_id, h.lineage_value, h.lineage_accepted,
         h.lineage_rejection_reason, h.lineage_bronze_topic, h.lineage_bronze_partition, h.lineage_bronze_offset,
         h.lineage_flag, h.lineage_topic)
    IS DISTINCT FROM
        (excluded.rate, excluded.status, excluded.derived, excluded.source_count, excluded.spread_bps,
         excluded.flags, excluded.lineage_leg, excluded.lineage_source_id,
         excluded.lineage_extraction_id, excluded.lineage_value, excluded.lineage_accepted,
         excluded.lineage_rejection_reason, excluded.lineage_bronze_topic, excluded.lineage_bronze_partition,
         excluded.lineage_bronze_offset, excluded.lineage_flag, excluded.lineage_topic);
  RETURN NEW;
END
$$;
