-- The consensus now judges every source against its own history and the peg table. What it found is kept with the
-- rate: `flags` lists the doubts a rate rests on (UNCONFIRMED_JUMP, PEG_BREAK: every voice left was doubted and none
-- confirmed), empty for a clean rate, so that a reader who wants only clean rates filters on flags = '{}'; and each
-- voice of a revision carries its finding in lineage_flag (CONFIRMED_JUMP, UNCONFIRMED_JUMP, PEG_BREAK,
-- CONFIRMED_PEG_BREAK, or NULL). Rows stored before this version had no such check: their flags are empty and their
-- voices' findings NULL, which is what the check would have left on most of them, not a claim that it ran.

ALTER TABLE fact_rate         ADD COLUMN flags text[] NOT NULL DEFAULT '{}';
ALTER TABLE latest_rate       ADD COLUMN flags text[] NOT NULL DEFAULT '{}';
ALTER TABLE fact_rate_history ADD COLUMN flags text[] NOT NULL DEFAULT '{}',
                              ADD COLUMN lineage_flag text[];

-- a revision stored from now on has one finding per voice, like its other lineage arrays (older rows have none)
ALTER TABLE fact_rate_history ADD CONSTRAINT fact_rate_history_lineage_flag_complete CHECK (
  lineage_flag IS NULL OR cardinality(lineage_flag) = cardinality(lineage_source_id));

-- the views gain the new columns at their end, so queries written against them keep working
CREATE OR REPLACE VIEW fact_rate_contribution AS
SELECT h.date_key, h.base, h.quote, h.revision, c.source_id, c.extraction_id, c.value, c.accepted,
       c.rejection_reason, c.bronze_topic, c.bronze_partition, c.bronze_offset, c.leg, c.flag
FROM fact_rate_history h
CROSS JOIN LATERAL unnest(h.lineage_source_id, h.lineage_extraction_id, h.lineage_value, h.lineage_accepted,
                          h.lineage_rejection_reason, h.lineage_bronze_topic, h.lineage_bronze_partition,
                          h.lineage_bronze_offset, h.lineage_leg, h.lineage_flag)
  AS c(source_id, extraction_id, value, accepted, rejection_reason, bronze_topic, bronze_partition, bronze_offset,
       leg, flag);  -- unnest pads the NULL lineage_flag of an older row with NULLs

CREATE OR REPLACE VIEW v_rate_lineage AS
SELECT d.date             AS rate_date,
       c.base,
       c.quote,
       c.revision,
       c.source_id,
       s.independence_group,
       c.value,
       c.accepted,
       c.rejection_reason,
       c.extraction_id,
       c.bronze_topic,
       c.bronze_partition,
       c.bronze_offset,
       c.leg,
       c.flag
FROM fact_rate_contribution c
JOIN dim_date d   ON d.date_key = c.date_key
JOIN dim_source s ON s.source_id = c.source_id;

CREATE OR REPLACE VIEW v_rates AS
SELECT d.date            AS rate_date,
       f.base,
       cb.name           AS base_name,
       f.quote,
       cq.name           AS quote_name,
       f.rate,
       f.status,
       f.derived,
       f.source_count,
       f.spread_bps,
       f.confidence_low,
       f.confidence_high,
       f.revision,
       f.updated_at,
       f.flags
FROM fact_rate f
JOIN dim_date d      ON d.date_key = f.date_key
JOIN dim_currency cb ON cb.code = f.base
JOIN dim_currency cq ON cq.code = f.quote;

CREATE OR REPLACE VIEW v_rates_last_90_days AS
SELECT * FROM v_rates WHERE rate_date > current_date - 90;

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
FROM fact_rate_history h
JOIN dim_date d ON d.date_key = h.date_key;
