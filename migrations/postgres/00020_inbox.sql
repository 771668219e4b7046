-- Issue 11: the panel's inbox lists, sorts, pages and counts a shop's
-- requests by their effective due date (the extended one once the merchant
-- extended the deadline: store.effectiveDueColumn, the same expression, so
-- the planner matches it), and its chart groups the open ones by due day;
-- the counts of open requests read (shop_id, status) alone. A request
-- entered by hand may carry the merchant's note, sealed like the subject
-- and forgotten with it.

-- +goose Up
CREATE INDEX requests_shop_effective_due ON requests (shop_id, (CASE WHEN extended_at IS NOT NULL THEN extended_due_at ELSE due_at END), id);
CREATE INDEX requests_shop_status ON requests (shop_id, status);
ALTER TABLE requests ADD COLUMN note BYTEA;

-- +goose Down
ALTER TABLE requests DROP COLUMN note;
DROP INDEX requests_shop_status;
DROP INDEX requests_shop_effective_due;
