-- A cross rate (USD/JPY from EUR/USD and EUR/JPY) has voices from both legs, often of the same sources: the bridge
-- kept one row per source, so one leg's values were lost. Each row now names the EUR-pivot pair its voice quoted.
ALTER TABLE fact_rate_contribution ADD COLUMN leg text;
-- rows stored before: an EUR-pivot rate's voices quoted its own pair; which leg a cross rate's row held was not kept
UPDATE fact_rate_contribution SET leg = CASE WHEN base = 'EUR' THEN base || '/' || quote ELSE 'unrecorded' END;
ALTER TABLE fact_rate_contribution ALTER COLUMN leg SET NOT NULL;
ALTER TABLE fact_rate_contribution DROP CONSTRAINT fact_rate_contribution_pkey;
ALTER TABLE fact_rate_contribution ADD PRIMARY KEY (date_key, base, quote, revision, leg, source_id);

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
       c.leg
FROM fact_rate_contribution c
JOIN dim_date d   ON d.date_key = c.date_key
JOIN dim_source s ON s.source_id = c.source_id;
