-- A revision is written once. Until now every revision was stored twice: its history row (values and lineage) and
-- the fact row (the same values), so a first replay, where nearly every revision is still the current one, wrote
-- every rate twice. The current revision of a pair and day now lives in its fact row alone, with its lineage and the
-- time it was recorded; fact_rate_history keeps the revisions a newer one superseded, moved there by the sink in
-- the transaction that stores the newer one (the temporal-table pattern). fact_rate_revision is every revision, the
-- one history used to be, and what v_rate_history, fact_rate_contribution, v_rate_lineage and rates_as_known_at
-- read: readers see exactly what they saw before.

ALTER TABLE fact_rate
  ADD COLUMN recorded_at              timestamptz,
  ADD COLUMN lineage_leg              text[]    NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_source_id        text[]    NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_extraction_id    uuid[]    NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_value            numeric[] NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_accepted         boolean[] NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_rejection_reason text[]    NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_bronze_topic     text[]    NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_bronze_partition integer[] NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_bronze_offset    bigint[]  NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_flag             text[];

-- the current revision's history row goes onto its fact row...
UPDATE fact_rate f
SET recorded_at = h.recorded_at, lineage_leg = h.lineage_leg, lineage_source_id = h.lineage_source_id,
    lineage_extraction_id = h.lineage_extraction_id, lineage_value = h.lineage_value,
    lineage_accepted = h.lineage_accepted, lineage_rejection_reason = h.lineage_rejection_reason,
    lineage_bronze_topic = h.lineage_bronze_topic, lineage_bronze_partition = h.lineage_bronze_partition,
    lineage_bronze_offset = h.lineage_bronze_offset, lineage_flag = h.lineage_flag
FROM fact_rate_history h
WHERE (h.date_key, h.base, h.quote, h.revision) = (f.date_key, f.base, f.quote, f.revision);

-- ...and leaves the history. A fact row without a history row (a row an operator wrote by hand) was recorded when it
-- was last updated.
DELETE FROM fact_rate_history h
USING fact_rate f
WHERE (h.date_key, h.base, h.quote, h.revision) = (f.date_key, f.base, f.quote, f.revision);
UPDATE fact_rate SET recorded_at = updated_at WHERE recorded_at IS NULL;
ALTER TABLE fact_rate ALTER COLUMN recorded_at SET NOT NULL, ALTER COLUMN recorded_at SET DEFAULT now();

ALTER TABLE fact_rate ADD CONSTRAINT fact_rate_lineage_complete CHECK (
  cardinality(lineage_source_id) = cardinality(lineage_leg)
  AND cardinality(lineage_source_id) = cardinality(lineage_extraction_id)
  AND cardinality(lineage_source_id) = cardinality(lineage_value)
  AND cardinality(lineage_source_id) = cardinality(lineage_accepted)
  AND cardinality(lineage_source_id) = cardinality(lineage_rejection_reason)
  AND cardinality(lineage_source_id) = cardinality(lineage_bronze_topic)
  AND cardinality(lineage_source_id) = cardinality(lineage_bronze_partition)
  AND cardinality(lineage_source_id) = cardinality(lineage_bronze_offset)
  AND (lineage_flag IS NULL OR cardinality(lineage_flag) = cardinality(lineage_source_id)));

-- every revision ever stored, with the columns fact_rate_history has always had
CREATE VIEW fact_rate_revision AS
SELECT date_key, base, quote, revision, rate, status, derived, source_count, spread_bps, recorded_at,
       lineage_leg, lineage_source_id, lineage_extraction_id, lineage_value, lineage_accepted,
       lineage_rejection_reason, lineage_bronze_topic, lineage_bronze_partition, lineage_bronze_offset, flags,
       lineage_flag
FROM fact_rate_history
UNION ALL
SELECT date_key, base, quote, revision, rate, status, derived, source_count, spread_bps, recorded_at,
       lineage_leg, lineage_source_id, lineage_extraction_id, lineage_value, lineage_accepted,
       lineage_rejection_reason, lineage_bronze_topic, lineage_bronze_partition, lineage_bronze_offset, flags,
       lineage_flag
FROM fact_rate;

REVOKE ALL ON fact_rate_revision FROM PUBLIC;

CREATE OR REPLACE VIEW fact_rate_contribution AS
SELECT h.date_key, h.base, h.quote, h.revision, c.source_id, c.extraction_id, c.value, c.accepted,
       c.rejection_reason, c.bronze_topic, c.bronze_partition, c.bronze_offset, c.leg, c.flag
FROM fact_rate_revision h
CROSS JOIN LATERAL unnest(h.lineage_source_id, h.lineage_extraction_id, h.lineage_value, h.lineage_accepted,
                          h.lineage_rejection_reason, h.lineage_bronze_topic, h.lineage_bronze_partition,
                          h.lineage_bronze_offset, h.lineage_leg, h.lineage_flag)
  AS c(source_id, extraction_id, value, accepted, rejection_reason, bronze_topic, bronze_partition, bronze_offset,
       leg, flag);

CREATE OR REPLACE VIEW v_rate_history AS
SELECT d.date       AS rate_date,
       h.base,
       h.quote,
       h.revision,
       h.rate,
       h.status,
       h.derived,
       h.source_count,
       h.spread_bps,
       h.recorded_at,
       h.flags
FROM fact_rate_revision h
JOIN dim_date d ON d.date_key = h.date_key;
