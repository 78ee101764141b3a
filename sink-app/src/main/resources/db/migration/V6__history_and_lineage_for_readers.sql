-- What the reader role could not see until now: every revision (with when the sink recorded it) and the lineage of
-- each revision, the proof of where a rate came from; and the rates as they were known at a given time. The lineage
-- first learns which leg each voice quoted.

-- A cross rate (USD/JPY from EUR/USD and EUR/JPY) has voices from both legs, often of the same sources: the bridge
-- kept one row per source, so one leg's values were lost. Each row now names the EUR-pivot pair its voice quoted.
ALTER TABLE fact_rate_contribution ADD COLUMN leg text;
-- rows stored before: an EUR-pivot rate's voices quoted its own pair; which leg a cross rate's row held was not kept
UPDATE fact_rate_contribution SET leg = CASE WHEN base = 'EUR' THEN base || '/' || quote ELSE 'unrecorded' END;
ALTER TABLE fact_rate_contribution ALTER COLUMN leg SET NOT NULL;
ALTER TABLE fact_rate_contribution DROP CONSTRAINT fact_rate_contribution_pkey;
ALTER TABLE fact_rate_contribution ADD PRIMARY KEY (date_key, base, quote, revision, leg, source_id);

CREATE VIEW v_rate_history AS
SELECT d.date       AS rate_date,
       h.base,
       h.quote,
       h.revision,
       h.rate,
       h.status,
       h.derived,
       h.source_count,
       h.spread_bps,
       h.recorded_at
FROM fact_rate_history h
JOIN dim_date d ON d.date_key = h.date_key;

CREATE VIEW v_rate_lineage AS
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

-- One row per date and pair: the newest revision the sink had recorded at known_at (recorded_at is when the sink
-- stored it; a replay into the same database keeps the first time, a rebuild into a new one records anew).
CREATE FUNCTION rates_as_known_at(known_at timestamptz)
RETURNS TABLE (rate_date date, base char(3), quote char(3), revision integer, rate numeric, status text,
               derived boolean, source_count integer, spread_bps numeric, recorded_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT DISTINCT ON (h.rate_date, h.base, h.quote)
         h.rate_date, h.base, h.quote, h.revision, h.rate, h.status, h.derived, h.source_count, h.spread_bps,
         h.recorded_at
  FROM v_rate_history h
  WHERE h.recorded_at <= known_at
  ORDER BY h.rate_date, h.base, h.quote, h.revision DESC
$$;

GRANT SELECT ON v_rate_history, v_rate_lineage TO makerates_reader;
GRANT EXECUTE ON FUNCTION rates_as_known_at(timestamptz) TO makerates_reader;
