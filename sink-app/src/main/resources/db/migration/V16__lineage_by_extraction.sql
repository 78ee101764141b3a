-- A voice's source and bronze coordinates are facts about the answer it came from, the same for every pair and day
-- that answer quotes (a central bank's daily list holds 30 to 170 of them). Written out per voice they were three of
-- a fact row's lineage arrays, a quarter of its bytes, and a fact row's bytes are what a first replay pays for. Each
-- extraction is now stored once in dim_extraction, and a revision whose voices all match it keeps only their
-- extraction ids (NULL for lineage_source_id, lineage_bronze_partition and lineage_bronze_offset, and no topic). A
-- revision whose voices name other coordinates than the stored ones (a bronze topic copied elsewhere and replayed)
-- keeps its arrays as before, and so do rows stored earlier. A rejection reason array of only NULLs (every voice
-- accepted, nearly every revision) is NULL too. fact_rate_revision and fact_rate_contribution write every array out
-- per voice again, so every view over them, and every reader, sees exactly what it saw before.

CREATE TABLE dim_extraction (
  extraction_id    uuid PRIMARY KEY,
  source_id        text    NOT NULL,
  bronze_topic     text    NOT NULL,
  bronze_partition integer NOT NULL,
  bronze_offset    bigint  NOT NULL
);
REVOKE ALL ON dim_extraction FROM PUBLIC;

ALTER TABLE fact_rate
  ALTER COLUMN lineage_source_id DROP NOT NULL, ALTER COLUMN lineage_source_id DROP DEFAULT,
  ALTER COLUMN lineage_bronze_partition DROP NOT NULL, ALTER COLUMN lineage_bronze_partition DROP DEFAULT,
  ALTER COLUMN lineage_bronze_offset DROP NOT NULL, ALTER COLUMN lineage_bronze_offset DROP DEFAULT,
  ALTER COLUMN lineage_rejection_reason DROP NOT NULL, ALTER COLUMN lineage_rejection_reason DROP DEFAULT;
ALTER TABLE fact_rate_history
  ALTER COLUMN lineage_source_id DROP NOT NULL, ALTER COLUMN lineage_source_id DROP DEFAULT,
  ALTER COLUMN lineage_bronze_partition DROP NOT NULL, ALTER COLUMN lineage_bronze_partition DROP DEFAULT,
  ALTER COLUMN lineage_bronze_offset DROP NOT NULL, ALTER COLUMN lineage_bronze_offset DROP DEFAULT,
  ALTER COLUMN lineage_rejection_reason DROP NOT NULL, ALTER COLUMN lineage_rejection_reason DROP DEFAULT;

-- a voice is still complete: one element in every array a revision has, counted by its extraction ids, and its
-- coordinates either all on the row (a topic once or per voice) or all in dim_extraction; one function for both
-- tables, which PostgreSQL inlines into each check
CREATE FUNCTION lineage_complete(leg text[], source_id text[], extraction_id uuid[], value numeric[],
                                 accepted boolean[], rejection_reason text[], bronze_topic text[],
                                 bronze_partition integer[], bronze_offset bigint[], flag text[], topic text)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(cardinality(leg), cardinality(extraction_id)) = cardinality(extraction_id)
     AND coalesce(cardinality(source_id), cardinality(extraction_id)) = cardinality(extraction_id)
     AND cardinality(value) = cardinality(extraction_id)
     AND cardinality(accepted) = cardinality(extraction_id)
     AND coalesce(cardinality(rejection_reason), cardinality(extraction_id)) = cardinality(extraction_id)
     AND coalesce(cardinality(bronze_topic), cardinality(extraction_id)) = cardinality(extraction_id)
     AND coalesce(cardinality(bronze_partition), cardinality(extraction_id)) = cardinality(extraction_id)
     AND coalesce(cardinality(bronze_offset), cardinality(extraction_id)) = cardinality(extraction_id)
     AND (flag IS NULL OR cardinality(flag) = cardinality(extraction_id))
     AND CASE WHEN source_id IS NULL
              THEN bronze_partition IS NULL AND bronze_offset IS NULL AND bronze_topic IS NULL AND topic IS NULL
              ELSE bronze_partition IS NOT NULL AND bronze_offset IS NOT NULL
                   AND (bronze_topic IS NOT NULL OR topic IS NOT NULL OR cardinality(extraction_id) = 0) END $$;

ALTER TABLE fact_rate DROP CONSTRAINT fact_rate_lineage_complete;
ALTER TABLE fact_rate ADD CONSTRAINT fact_rate_lineage_complete CHECK (lineage_complete(
  lineage_leg, lineage_source_id, lineage_extraction_id, lineage_value, lineage_accepted, lineage_rejection_reason,
  lineage_bronze_topic, lineage_bronze_partition, lineage_bronze_offset, lineage_flag, lineage_topic));
ALTER TABLE fact_rate_history DROP CONSTRAINT fact_rate_history_lineage_complete;
ALTER TABLE fact_rate_history DROP CONSTRAINT fact_rate_history_lineage_flag_complete;
ALTER TABLE fact_rate_history ADD CONSTRAINT fact_rate_history_lineage_complete CHECK (lineage_complete(
  lineage_leg, lineage_source_id, lineage_extraction_id, lineage_value, lineage_accepted, lineage_rejection_reason,
  lineage_bronze_topic, lineage_bronze_partition, lineage_bronze_offset, lineage_flag, lineage_topic));

-- every voice with all it was stored with or refers to, one row each: the stored arrays unnested (unnest pads an
-- array stored as NULL with NULLs) and the extraction's row joined where the coordinates are not on the row
CREATE OR REPLACE VIEW fact_rate_contribution AS
SELECT h.date_key, h.base, h.quote, h.revision, coalesce(c.source_id, e.source_id) AS source_id, c.extraction_id,
       c.value, c.accepted, c.rejection_reason, coalesce(c.bronze_topic, h.lineage_topic, e.bronze_topic) AS bronze_topic,
       coalesce(c.bronze_partition, e.bronze_partition) AS bronze_partition,
       coalesce(c.bronze_offset, e.bronze_offset) AS bronze_offset, coalesce(c.leg, h.base || '/' || h.quote) AS leg,
       c.flag
FROM (SELECT date_key, base, quote, revision, lineage_leg, lineage_source_id, lineage_extraction_id, lineage_value,
             lineage_accepted, lineage_rejection_reason, lineage_bronze_topic, lineage_bronze_partition,
             lineage_bronze_offset, lineage_flag, lineage_topic
      FROM fact_rate_history
      UNION ALL
      SELECT date_key, base, quote, revision, lineage_leg, lineage_source_id, lineage_extraction_id, lineage_value,
             lineage_accepted, lineage_rejection_reason, lineage_bronze_topic, lineage_bronze_partition,
             lineage_bronze_offset, lineage_flag, lineage_topic
      FROM fact_rate) h
CROSS JOIN LATERAL unnest(h.lineage_source_id, h.lineage_extraction_id, h.lineage_value, h.lineage_accepted,
                          h.lineage_rejection_reason, h.lineage_bronze_topic, h.lineage_bronze_partition,
                          h.lineage_bronze_offset, h.lineage_leg, h.lineage_flag)
  AS c(source_id, extraction_id, value, accepted, rejection_reason, bronze_topic, bronze_partition, bronze_offset,
       leg, flag)
LEFT JOIN dim_extraction e ON h.lineage_source_id IS NULL AND e.extraction_id = c.extraction_id;

-- a revision's voices' coordinates, in the order of its extraction ids, from dim_extraction
CREATE FUNCTION lineage_sources(ids uuid[]) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT array(SELECT e.source_id FROM unnest(ids) WITH ORDINALITY AS x(id, n)
               LEFT JOIN dim_extraction e ON e.extraction_id = x.id ORDER BY x.n) $$;
CREATE FUNCTION lineage_topics(ids uuid[]) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT array(SELECT e.bronze_topic FROM unnest(ids) WITH ORDINALITY AS x(id, n)
               LEFT JOIN dim_extraction e ON e.extraction_id = x.id ORDER BY x.n) $$;
CREATE FUNCTION lineage_partitions(ids uuid[]) RETURNS integer[] LANGUAGE sql STABLE AS $$
  SELECT array(SELECT e.bronze_partition FROM unnest(ids) WITH ORDINALITY AS x(id, n)
               LEFT JOIN dim_extraction e ON e.extraction_id = x.id ORDER BY x.n) $$;
CREATE FUNCTION lineage_offsets(ids uuid[]) RETURNS bigint[] LANGUAGE sql STABLE AS $$
  SELECT array(SELECT e.bronze_offset FROM unnest(ids) WITH ORDINALITY AS x(id, n)
               LEFT JOIN dim_extraction e ON e.extraction_id = x.id ORDER BY x.n) $$;

-- every revision ever stored, every lineage array written out per voice as V7 stored them
CREATE OR REPLACE VIEW fact_rate_revision AS
SELECT date_key, base, quote, revision, rate, status, derived, source_count, spread_bps, recorded_at,
       coalesce(lineage_leg, array_fill(base || '/' || quote, ARRAY[cardinality(lineage_extraction_id)]))
         AS lineage_leg,
       coalesce(lineage_source_id, lineage_sources(lineage_extraction_id)) AS lineage_source_id,
       lineage_extraction_id, lineage_value, lineage_accepted,
       coalesce(lineage_rejection_reason, array_fill(NULL::text, ARRAY[cardinality(lineage_extraction_id)]))
         AS lineage_rejection_reason,
       CASE WHEN lineage_source_id IS NULL THEN lineage_topics(lineage_extraction_id)
            ELSE coalesce(lineage_bronze_topic,
                          array_fill(lineage_topic, ARRAY[cardinality(lineage_extraction_id)])) END
         AS lineage_bronze_topic,
       coalesce(lineage_bronze_partition, lineage_partitions(lineage_extraction_id)) AS lineage_bronze_partition,
       coalesce(lineage_bronze_offset, lineage_offsets(lineage_extraction_id)) AS lineage_bronze_offset,
       flags, lineage_flag
FROM fact_rate_history
UNION ALL
SELECT date_key, base, quote, revision, rate, status, derived, source_count, spread_bps, recorded_at,
       coalesce(lineage_leg, array_fill(base || '/' || quote, ARRAY[cardinality(lineage_extraction_id)])),
       coalesce(lineage_source_id, lineage_sources(lineage_extraction_id)),
       lineage_extraction_id, lineage_value, lineage_accepted,
       coalesce(lineage_rejection_reason, array_fill(NULL::text, ARRAY[cardinality(lineage_extraction_id)])),
       CASE WHEN lineage_source_id IS NULL THEN lineage_topics(lineage_extraction_id)
            ELSE coalesce(lineage_bronze_topic,
                          array_fill(lineage_topic, ARRAY[cardinality(lineage_extraction_id)])) END,
       coalesce(lineage_bronze_partition, lineage_partitions(lineage_extraction_id)),
       coalesce(lineage_bronze_offset, lineage_offsets(lineage_extraction_id)),
       flags, lineage_flag
FROM fact_rate;
