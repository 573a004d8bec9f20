-- `report` reads a period of days, of one shop or of all: by day first, then shop, so both are one range scan.
CREATE INDEX store_transaction_business_day ON store_transaction (business_day, store_id);
