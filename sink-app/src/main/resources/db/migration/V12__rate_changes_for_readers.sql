-- api-app keeps every past day's EUR rates in memory and, every few seconds, reads only the rates that changed since
-- its last read: v_rate_values gains fact_rate's updated_at (at its end, so that queries written against it keep
-- working), and a BRIN index makes "updated_at > t" cheap. A BRIN index is summarising: unlike a B-tree on a column
-- each upsert changes, it leaves the sink's updates HOT (PostgreSQL 16 and later) and costs a few pages.
CREATE OR REPLACE VIEW v_rate_values AS
SELECT date_key, base, quote, rate, status, source_count, spread_bps, flags, revision, updated_at
FROM fact_rate;

CREATE INDEX fact_rate_updated_at ON fact_rate USING brin (updated_at);
