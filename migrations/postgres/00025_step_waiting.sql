-- Issue 13: a step that finds the shop's credentials refused (a revoked
-- WooCommerce key, a Shopify token that cannot be refreshed) waits instead
-- of failing: status 'waiting', with wait_reason 'reconnect:<system>'. The
-- reconciler does not enqueue it; reconnecting the system puts every
-- waiting step of the shop back to pending in the transaction that makes
-- the shop active again. The request shows the same reason while it
-- waits; reconnect_notice_at is when the merchant was told (one e-mail per
-- episode, however many requests wait).

-- +goose Up
ALTER TABLE steps DROP CONSTRAINT steps_status_check;
ALTER TABLE steps ADD CONSTRAINT steps_status_check CHECK (status IN ('pending', 'running', 'done', 'failed', 'waiting'));
ALTER TABLE steps ADD COLUMN wait_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX steps_waiting ON steps (shop_id) WHERE status = 'waiting';
ALTER TABLE requests ADD COLUMN wait_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE shops ADD COLUMN reconnect_notice_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE shops DROP COLUMN reconnect_notice_at;
ALTER TABLE requests DROP COLUMN wait_reason;
DROP INDEX steps_waiting;
UPDATE steps SET status = 'pending' WHERE status = 'waiting';
ALTER TABLE steps DROP COLUMN wait_reason;
ALTER TABLE steps DROP CONSTRAINT steps_status_check;
ALTER TABLE steps ADD CONSTRAINT steps_status_check CHECK (status IN ('pending', 'running', 'done', 'failed'));
