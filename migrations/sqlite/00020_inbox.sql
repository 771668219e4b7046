-- Issue 11: the panel's inbox lists, sorts, pages and counts a shop's
-- requests by their effective due date (the extended one once the merchant
-- extended the deadline: store.effectiveDueColumn, the same expression, so
-- the planner matches it). requests_shop_effective_due serves every list
-- in due order; requests_shop_status_due finds the open requests
-- (status IN store.OpenStatuses) without reading the closed ones: their
-- count, the overdue ones, the chart's due days and the default page. A
-- request entered by hand may carry the merchant's note, sealed like the
-- subject and forgotten with it.

-- +goose Up
CREATE INDEX requests_shop_effective_due ON requests (shop_id, (CASE WHEN extended_at IS NOT NULL THEN extended_due_at ELSE due_at END), id);
CREATE INDEX requests_shop_status_due ON requests (shop_id, status, (CASE WHEN extended_at IS NOT NULL THEN extended_due_at ELSE due_at END), id);
ALTER TABLE requests ADD COLUMN note BLOB;

-- +goose Down
ALTER TABLE requests DROP COLUMN note;
DROP INDEX requests_shop_status_due;
DROP INDEX requests_shop_effective_due;
