-- Cheaper writes of the fact tables, where nearly all of the sink's time goes (docs/benchmarks.md).
--
-- Foreign keys: each row of fact_rate, fact_rate_history and fact_rate_contribution ran a trigger per key that looked
-- up and key-share locked its dimension row, which made every stored rate about three times dearer. The sink keeps
-- the same integrity itself: a rate whose currency is not in dim_currency is rejected before it is staged, the
-- batch's dates and sources are committed to dim_date and dim_source ahead of the facts, and a revision's lineage is
-- inserted by the same statement as its history row. latest_rate, which operators edit by hand, keeps its keys.
DO $$
DECLARE
  fk record;
BEGIN
  FOR fk IN
    SELECT conrelid::regclass AS tab, conname
    FROM pg_constraint
    WHERE contype = 'f'
      AND conrelid IN ('fact_rate'::regclass, 'fact_rate_history'::regclass, 'fact_rate_contribution'::regclass)
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.tab, fk.conname);
  END LOOP;
END
$$;

-- Pair-first, it took inserts all over the index and doubled the cost of a history row. "As known at time T"
-- questions name a date range, which the primary key (date_key, base, quote, revision) serves.
DROP INDEX fact_rate_history_recorded;
