-- Indexes on the foreign keys that deletes follow (issue 6, shop/redact).
-- Deleting a request sets retention_holds.request_id and
-- webhook_deliveries.request_id to NULL; without an index each deleted
-- request scanned both tables whole, so deleting a shop's requests grew
-- with the square of their number. Deleting a shop row cascades to steps
-- and request_events by shop_id, which DeleteShopData also deletes by.
-- The other children of requests (request_events, data_items, steps,
-- reports, report_links, emails, erasure_plans) are indexed by request_id
-- already.

-- +goose Up
CREATE INDEX IF NOT EXISTS retention_holds_request ON retention_holds (request_id);
CREATE INDEX IF NOT EXISTS webhook_deliveries_request ON webhook_deliveries (request_id);
CREATE INDEX IF NOT EXISTS steps_shop ON steps (shop_id);
CREATE INDEX IF NOT EXISTS request_events_shop ON request_events (shop_id);

-- +goose Down
DROP INDEX IF EXISTS request_events_shop;
DROP INDEX IF EXISTS steps_shop;
DROP INDEX IF EXISTS webhook_deliveries_request;
DROP INDEX IF EXISTS retention_holds_request;
