-- The star schema: facts per date, base and quote over the currency, source and date dimensions. Money columns are
-- numeric (never floating point); codes are ISO 4217.

CREATE TABLE dim_currency (
  code         char(3) PRIMARY KEY,
  name         text     NOT NULL,
  numeric_code char(3),
  minor_units  smallint,             -- NULL where ISO 4217 says N.A. (metals, SDR, test codes)
  retired_on   date,                 -- first day the code is no longer valid; NULL while active
  successor    char(3) REFERENCES dim_currency (code) DEFERRABLE INITIALLY DEFERRED,
  CHECK (code ~ '^[A-Z]{3}$'),
  CHECK (successor IS NULL OR retired_on IS NOT NULL)
);

CREATE TABLE dim_source (
  source_id          text PRIMARY KEY,
  name               text NOT NULL,
  independence_group text NOT NULL,
  base_currency      char(3) REFERENCES dim_currency (code)
);

CREATE TABLE dim_date (
  date_key   integer  PRIMARY KEY,   -- yyyymmdd
  date       date     NOT NULL UNIQUE,
  year       smallint NOT NULL,
  quarter    smallint NOT NULL,
  month      smallint NOT NULL,
  day        smallint NOT NULL,
  iso_dow    smallint NOT NULL,      -- 1 = Monday .. 7 = Sunday
  is_weekend boolean  NOT NULL
);

-- dim_date rows for one date; the sink calls it for dates outside the pre-generated range.
CREATE FUNCTION dim_date_row(d date) RETURNS dim_date
LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(d, 'YYYYMMDD')::integer, d,
         extract(year FROM d)::smallint, extract(quarter FROM d)::smallint,
         extract(month FROM d)::smallint, extract(day FROM d)::smallint,
         extract(isodow FROM d)::smallint, extract(isodow FROM d) IN (6, 7)
$$;

INSERT INTO dim_date
SELECT r.*
FROM generate_series(date '1999-01-01', date '2040-12-31', interval '1 day') AS g,
     LATERAL dim_date_row(g::date) AS r;

CREATE TABLE fact_rate (
  date_key        integer     NOT NULL REFERENCES dim_date (date_key),
  base            char(3)     NOT NULL REFERENCES dim_currency (code),
  quote           char(3)     NOT NULL REFERENCES dim_currency (code),
  rate            numeric     NOT NULL CHECK (rate > 0),
  status          text        NOT NULL CHECK (status IN ('CONSENSUS', 'DISPUTED', 'SINGLE_SOURCE')),
  derived         boolean     NOT NULL DEFAULT false,
  source_count    integer     NOT NULL,
  spread_bps      numeric,
  confidence_low  numeric,
  confidence_high numeric,
  revision        integer     NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (date_key, base, quote)
);
-- per-pair time series lookups (calendar view, convert_amount)
CREATE INDEX fact_rate_pair_date ON fact_rate (base, quote, date_key);

-- Every revision ever stored, for "as known at time T" questions.
CREATE TABLE fact_rate_history (
  date_key     integer     NOT NULL REFERENCES dim_date (date_key),
  base         char(3)     NOT NULL REFERENCES dim_currency (code),
  quote        char(3)     NOT NULL REFERENCES dim_currency (code),
  revision     integer     NOT NULL,
  rate         numeric     NOT NULL,
  status       text        NOT NULL CHECK (status IN ('CONSENSUS', 'DISPUTED', 'SINGLE_SOURCE')),
  derived      boolean     NOT NULL DEFAULT false,
  source_count integer     NOT NULL,
  spread_bps   numeric,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (date_key, base, quote, revision)
);
CREATE INDEX fact_rate_history_recorded ON fact_rate_history (base, quote, date_key, recorded_at);

-- Lineage bridge: which source observations went into which revision, accepted or not.
CREATE TABLE fact_rate_contribution (
  date_key         integer NOT NULL,
  base             char(3) NOT NULL,
  quote            char(3) NOT NULL,
  revision         integer NOT NULL,
  source_id        text    NOT NULL REFERENCES dim_source (source_id),
  extraction_id    uuid    NOT NULL,
  value            numeric NOT NULL,
  accepted         boolean NOT NULL,
  rejection_reason text,
  bronze_topic     text    NOT NULL,
  bronze_partition integer NOT NULL,
  bronze_offset    bigint  NOT NULL,
  PRIMARY KEY (date_key, base, quote, revision, source_id),
  FOREIGN KEY (date_key, base, quote, revision) REFERENCES fact_rate_history (date_key, base, quote, revision)
);

-- The latest rate per pair; captured by Debezium into fx.gold.rates.v1.
CREATE TABLE latest_rate (
  base         char(3)     NOT NULL REFERENCES dim_currency (code),
  quote        char(3)     NOT NULL REFERENCES dim_currency (code),
  rate_date    date        NOT NULL,
  rate         numeric     NOT NULL CHECK (rate > 0),
  status       text        NOT NULL CHECK (status IN ('CONSENSUS', 'DISPUTED', 'SINGLE_SOURCE')),
  derived      boolean     NOT NULL DEFAULT false,
  source_count integer     NOT NULL,
  spread_bps   numeric,
  revision     integer     NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (base, quote)
);
-- full before-images in the change stream, so a delete still names its pair
ALTER TABLE latest_rate REPLICA IDENTITY FULL;

-- Kafka positions stored in the same transaction as the rows they produced (exactly-once into PostgreSQL).
CREATE TABLE sink_offset (
  consumer_group text    NOT NULL,
  topic          text    NOT NULL,
  partition      integer NOT NULL,
  next_offset    bigint  NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, topic, partition)
);
