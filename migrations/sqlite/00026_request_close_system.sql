-- Issue 13: a request that reached Lethe through a system that keeps its
-- own record of it (WordPress's privacy request, forwarded by the
-- companion plugin) tells that system when Lethe is done with it — the
-- answer sent (access) or the erasure confirmed — so that its record
-- closes too (the step source:close). requests.close_system names that
-- system (its connector's system name, recorded at intake; '' for none);
-- external_id holds the system's id of the request.

-- +goose Up
ALTER TABLE requests ADD COLUMN close_system TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE requests DROP COLUMN close_system;
