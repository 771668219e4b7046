-- One row per day the archive purge ran: the claim that makes it run once
-- per day however many workers there are, and its counts (no personal data).

-- +goose Up
CREATE TABLE purge_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    day         DATE        NOT NULL UNIQUE,
    started_at  DATETIME NOT NULL,
    finished_at DATETIME,
    purged      INTEGER     NOT NULL DEFAULT 0,
    held        INTEGER     NOT NULL DEFAULT 0,
    batches     INTEGER     NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE purge_runs;
