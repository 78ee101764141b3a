-- What the API's v2 needs and the reader role could not read: the sources themselves. /v2/providers lists every source
-- with its name, independence group and the base its answers came in, and /v2/rates?providers=... checks the ids a
-- client names against them; dim_source is a table, which makerates_reader may not read (V3 revoked every table), and
-- v_rate_lineage names a source's id and group only. The view shows exactly dim_source's four columns, nothing else.
CREATE VIEW v_sources AS
SELECT source_id, name, independence_group, base_currency
FROM dim_source;

GRANT SELECT ON v_sources TO makerates_reader;
