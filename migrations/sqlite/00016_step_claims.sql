-- A step's fencing token (issue 9): every claim counts `claims` one up, and
-- every write of the step's outcome checks it. Unlike `attempts`, which a
-- shutdown refunds and the merchant's retry resets, it never goes back, so a
-- stalled worker's claim can never match a later one.

-- +goose Up
ALTER TABLE steps ADD COLUMN claims BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE steps DROP COLUMN claims;
