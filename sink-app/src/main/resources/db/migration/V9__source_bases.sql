-- Every source's base currency: the sink records the base each answer came in (the currency the source was asked
-- for, MAKERATES_SOURCE_<ID>_BASE) as it stores the rates. The central banks of the default sources were added on the
-- fly with their id as name and no base; they quote their own currency only, so their rows get both here. A base
-- recorded already stays.
INSERT INTO dim_source (source_id, name, independence_group, base_currency) VALUES
('cnb', 'Czech National Bank daily exchange rates', 'CNB', 'CZK'),
('nbp', 'National Bank of Poland average exchange rates (table A)', 'NBP', 'PLN'),
('bnr', 'National Bank of Romania reference exchange rates', 'BNR', 'RON'),
('boe', 'Bank of England spot exchange rates (database)', 'BOE', 'GBP'),
('cbr', 'Central Bank of the Russian Federation official exchange rates', 'CBR', 'RUB')
ON CONFLICT (source_id) DO UPDATE
SET base_currency = coalesce(dim_source.base_currency, EXCLUDED.base_currency),
    name = CASE WHEN dim_source.name = dim_source.source_id THEN EXCLUDED.name ELSE dim_source.name END;
