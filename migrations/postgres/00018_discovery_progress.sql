-- Discovery's progress (issue 11): while the discover step runs, how many
-- of the shop's systems it has asked and how many orders the current
-- system has read of how many, for the merchant's request page. One row
-- per request, rewritten by each run of discovery; counts only, nothing
-- personal. finished_at is set with the items found.

-- +goose Up
CREATE TABLE discovery_progress (
    request_id    BIGINT      PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    shop_id       BIGINT      NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    systems_total INTEGER     NOT NULL DEFAULT 0,
    systems_done  INTEGER     NOT NULL DEFAULT 0,
    system        TEXT        NOT NULL DEFAULT '',
    orders_read   INTEGER     NOT NULL DEFAULT 0,
    orders_total  INTEGER     NOT NULL DEFAULT 0,
    started_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ
);
CREATE INDEX discovery_progress_shop ON discovery_progress (shop_id);

-- +goose Down
DROP TABLE discovery_progress;
