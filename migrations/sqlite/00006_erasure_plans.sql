-- Erasure plans (issue 6): per request the rules core's decision for every
-- item found. Entries hold ids, record types, actions, dates, legal
-- references and field names — no field values, so no personal data.

-- +goose Up
CREATE TABLE erasure_plans (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id     INTEGER      NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    request_id  INTEGER      NOT NULL UNIQUE REFERENCES requests (id) ON DELETE CASCADE,
    entries     TEXT        NOT NULL,
    automatic   BOOLEAN     NOT NULL DEFAULT FALSE,
    approved_by TEXT        NOT NULL DEFAULT '',
    approved_at DATETIME,
    created_at  DATETIME NOT NULL
);

-- +goose Down
DROP TABLE erasure_plans;
