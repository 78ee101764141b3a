-- Reporting views and the read-only role for reporting tools and no-code connectors.

CREATE VIEW v_rates AS
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
       f.updated_at
FROM fact_rate f
JOIN dim_date d      ON d.date_key = f.date_key
JOIN dim_currency cb ON cb.code = f.base
JOIN dim_currency cq ON cq.code = f.quote;

CREATE VIEW v_rates_last_90_days AS
SELECT * FROM v_rates WHERE rate_date > current_date - 90;

-- Every calendar day from a pair's first fact to today; weekends and holidays carry the last business day's rate
-- forward, flagged, with the date the rate is really from.
CREATE VIEW v_rates_calendar AS
WITH pair_span AS (
  SELECT base, quote, min(date_key) AS first_key FROM fact_rate GROUP BY base, quote
)
SELECT cal.date                   AS calendar_date,
       p.base,
       p.quote,
       r.rate_date,
       r.rate,
       r.status,
       r.derived,
       r.source_count,
       r.revision,
       r.rate_date <> cal.date    AS is_carried_forward
FROM pair_span p
JOIN dim_date cal ON cal.date_key >= p.first_key AND cal.date <= current_date
CROSS JOIN LATERAL (
  SELECT rd.date AS rate_date, f.rate, f.status, f.derived, f.source_count, f.revision
  FROM fact_rate f
  JOIN dim_date rd ON rd.date_key = f.date_key
  WHERE f.base = p.base AND f.quote = p.quote AND f.date_key <= cal.date_key
  ORDER BY f.date_key DESC
  LIMIT 1
) r;

-- The rate of one EUR-pivot leg (units of ccy per EUR) on the last business day on or before on_date.
CREATE FUNCTION eur_leg(ccy text, on_date date) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN upper(ccy) = 'EUR' THEN 1::numeric ELSE (
    SELECT v.rate FROM v_rates v
    WHERE v.base = 'EUR' AND v.quote = upper(ccy) AND v.rate_date <= on_date
    ORDER BY v.rate_date DESC
    LIMIT 1) END
$$;

-- amount in from_ccy converted to to_ccy through the EUR pivot; NULL when a leg has no rate yet.
CREATE FUNCTION convert_amount(amount numeric, from_ccy text, to_ccy text, on_date date) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN upper(from_ccy) = upper(to_ccy) THEN amount
              ELSE amount / eur_leg(from_ccy, on_date) * eur_leg(to_ccy, on_date) END
$$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'makerates_reader') THEN
    CREATE ROLE makerates_reader NOLOGIN;
  END IF;
END
$$;

-- The reader sees the views only: views run with their owner's rights, so no table grant is needed.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM makerates_reader;
GRANT USAGE ON SCHEMA public TO makerates_reader;
GRANT SELECT ON v_rates, v_rates_last_90_days, v_rates_calendar TO makerates_reader;
GRANT EXECUTE ON FUNCTION eur_leg(text, date), convert_amount(numeric, text, text, date) TO makerates_reader;
