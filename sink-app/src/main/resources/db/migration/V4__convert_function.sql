-- convert(amount, from, to, date): the name reporting users ask for. PostgreSQL's own convert(bytea, name, name)
-- takes three arguments, so this four-argument one never shadows it.
CREATE FUNCTION convert(amount numeric, from_ccy text, to_ccy text, on_date date) RETURNS numeric
LANGUAGE sql STABLE AS $$
  SELECT convert_amount(amount, from_ccy, to_ccy, on_date)
$$;

GRANT EXECUTE ON FUNCTION convert(numeric, text, text, date) TO makerates_reader;
