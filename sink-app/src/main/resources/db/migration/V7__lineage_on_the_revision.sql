-- A revision's lineage moves onto its history row, as parallel typed arrays with one element per voice (a leg and a
-- source of it), in place of one bridge row per voice. Storing a revision with its 3-4 voices cost a history row and
-- 3-4 bridge rows, each with its own index entry and tuple header; the bridge alone was half of the sink's SQL time
-- (docs/benchmarks.md). Every voice's value, source, extraction id, bronze coordinates, acceptance and leg stay
-- queryable: fact_rate_contribution becomes a view that unnests the arrays into the rows it held, and v_rate_lineage
-- reads it as before.

ALTER TABLE fact_rate_history
  ADD COLUMN lineage_leg              text[]    NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_source_id        text[]    NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_extraction_id    uuid[]    NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_value            numeric[] NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_accepted         boolean[] NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_rejection_reason text[]    NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_bronze_topic     text[]    NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_bronze_partition integer[] NOT NULL DEFAULT '{}',
  ADD COLUMN lineage_bronze_offset    bigint[]  NOT NULL DEFAULT '{}';

-- the sink inserted a revision's bridge rows with its history row; a bridge row without one would be lost below
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM fact_rate_contribution c
             WHERE NOT EXISTS (SELECT 1 FROM fact_rate_history h
                               WHERE (h.date_key, h.base, h.quote, h.revision) = (c.date_key, c.base, c.quote, c.revision))) THEN
    RAISE EXCEPTION 'fact_rate_contribution holds lineage of revisions that fact_rate_history lacks; V7 would lose it'
      USING HINT = 'add the missing fact_rate_history rows, or delete those lineage rows, and migrate again';
  END IF;
END
$$;

-- the bridge rows stored so far, in (leg, source) order as the sink writes them
UPDATE fact_rate_history h
SET lineage_leg = c.leg, lineage_source_id = c.source_id, lineage_extraction_id = c.extraction_id,
    lineage_value = c.value, lineage_accepted = c.accepted, lineage_rejection_reason = c.rejection_reason,
    lineage_bronze_topic = c.bronze_topic, lineage_bronze_partition = c.bronze_partition,
    lineage_bronze_offset = c.bronze_offset
FROM (
  SELECT date_key, base, quote, revision,
         array_agg(leg ORDER BY leg, source_id)              AS leg,
         array_agg(source_id ORDER BY leg, source_id)        AS source_id,
         array_agg(extraction_id ORDER BY leg, source_id)    AS extraction_id,
         array_agg(value ORDER BY leg, source_id)            AS value,
         array_agg(accepted ORDER BY leg, source_id)         AS accepted,
         array_agg(rejection_reason ORDER BY leg, source_id) AS rejection_reason,
         array_agg(bronze_topic ORDER BY leg, source_id)     AS bronze_topic,
         array_agg(bronze_partition ORDER BY leg, source_id) AS bronze_partition,
         array_agg(bronze_offset ORDER BY leg, source_id)    AS bronze_offset
  FROM fact_rate_contribution
  GROUP BY date_key, base, quote, revision
) c
WHERE (h.date_key, h.base, h.quote, h.revision) = (c.date_key, c.base, c.quote, c.revision);

-- a voice is complete: one element in every array (the reason array holds NULL where the voice was accepted)
ALTER TABLE fact_rate_history ADD CONSTRAINT fact_rate_history_lineage_complete CHECK (
  cardinality(lineage_source_id) = cardinality(lineage_leg)
  AND cardinality(lineage_source_id) = cardinality(lineage_extraction_id)
  AND cardinality(lineage_source_id) = cardinality(lineage_value)
  AND cardinality(lineage_source_id) = cardinality(lineage_accepted)
  AND cardinality(lineage_source_id) = cardinality(lineage_rejection_reason)
  AND cardinality(lineage_source_id) = cardinality(lineage_bronze_topic)
  AND cardinality(lineage_source_id) = cardinality(lineage_bronze_partition)
  AND cardinality(lineage_source_id) = cardinality(lineage_bronze_offset));

-- v_rate_lineage depends on the table: it is dropped with it and defined again below, unchanged, over the view
DROP VIEW v_rate_lineage;
DROP TABLE fact_rate_contribution;

-- the bridge as it was, one row per revision, leg and source, for the queries and reports written against it
CREATE VIEW fact_rate_contribution AS
SELECT h.date_key, h.base, h.quote, h.revision, c.source_id, c.extraction_id, c.value, c.accepted,
       c.rejection_reason, c.bronze_topic, c.bronze_partition, c.bronze_offset, c.leg
FROM fact_rate_history h
CROSS JOIN LATERAL unnest(h.lineage_source_id, h.lineage_extraction_id, h.lineage_value, h.lineage_accepted,
                          h.lineage_rejection_reason, h.lineage_bronze_topic, h.lineage_bronze_partition,
                          h.lineage_bronze_offset, h.lineage_leg)
  AS c(source_id, extraction_id, value, accepted, rejection_reason, bronze_topic, bronze_partition, bronze_offset,
       leg);

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

REVOKE ALL ON fact_rate_contribution FROM PUBLIC;
GRANT SELECT ON v_rate_lineage TO makerates_reader;
