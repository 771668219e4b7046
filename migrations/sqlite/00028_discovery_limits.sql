-- What discovery could not search (issue 13): a system's parts it could not
-- reach for this request (a WooCommerce store without the companion plugin:
-- comments, analytics and plugins' user meta), shown to the merchant on the
-- request page. JSON list of {system, code, de, en}; fixed texts, nothing
-- personal. Rewritten by each run of discovery.

-- +goose Up
ALTER TABLE discovery_progress ADD COLUMN limits TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE discovery_progress DROP COLUMN limits;
