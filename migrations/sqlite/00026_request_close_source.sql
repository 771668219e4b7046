-- Issue 13: a request that reached Lethe through a system that keeps its
-- own record of it (WordPress's privacy request, forwarded by the
-- companion plugin) tells that system when Lethe is done with it — the
-- answer sent (access) or the erasure confirmed — so its record closes too
-- (the step request:close-source). requests.close_source marks such a
-- request at intake; external_id holds the system's id of it.

-- +goose Up
ALTER TABLE requests ADD COLUMN close_source BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE requests DROP COLUMN close_source;
