-- The rates without names, keyed by fact_rate's own date_key (yyyymmdd): what an HTTP API reads request after request.
-- v_rates finds a date through dim_date, so a range of dates cannot become a range of fact_rate's primary key
-- (date_key, base, quote), and it joins the currency names no API answer needs; through this view a day or a year
-- of a base's rates is one index range.
CREATE VIEW v_rate_values AS
SELECT date_key, base, quote, rate, status, source_count, spread_bps, flags, revision
FROM fact_rate;

GRANT SELECT ON v_rate_values TO makerates_reader;
