-- Issue 13: a step that finds the shop's credentials refused (a revoked
-- WooCommerce key, a Shopify token that cannot be refreshed) waits instead
-- of failing: status 'waiting', with wait_reason 'reconnect:<system>'. The
-- reconciler does not enqueue it; reconnecting the system puts every
-- waiting step of the shop back to pending in the transaction that makes
-- the shop active again. The request shows the same reason while it
-- waits; reconnect_notice_at is when the merchant was told (one e-mail per
-- episode, however many requests wait).
--
-- SQLite cannot change a CHECK constraint: the steps table is built anew
-- with the new status allowed, its rows and its id sequence kept (step ids
-- are never reused: they name the queue's tasks).

-- +goose Up
CREATE TABLE steps_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id      INTEGER      REFERENCES shops (id) ON DELETE CASCADE,
    request_id   INTEGER      REFERENCES requests (id) ON DELETE CASCADE,
    kind         TEXT        NOT NULL,
    payload      TEXT        NOT NULL DEFAULT '{}',
    status       TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed', 'waiting')),
    attempts     INTEGER     NOT NULL DEFAULT 0,
    max_attempts INTEGER     NOT NULL DEFAULT 10,
    last_error   TEXT        NOT NULL DEFAULT '',
    dedupe_key   TEXT,
    run_after    DATETIME NOT NULL,
    lease_until  DATETIME,
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL,
    done_at      DATETIME,
    claims       BIGINT NOT NULL DEFAULT 0,
    wait_reason  TEXT NOT NULL DEFAULT '',
    UNIQUE (dedupe_key)
);
INSERT INTO steps_new (id, shop_id, request_id, kind, payload, status, attempts, max_attempts, last_error, dedupe_key,
                       run_after, lease_until, created_at, updated_at, done_at, claims)
SELECT id, shop_id, request_id, kind, payload, status, attempts, max_attempts, last_error, dedupe_key,
       run_after, lease_until, created_at, updated_at, done_at, claims FROM steps;
DELETE FROM sqlite_sequence WHERE name = 'steps_new';
UPDATE sqlite_sequence SET name = 'steps_new' WHERE name = 'steps';
DROP TABLE steps;
ALTER TABLE steps_new RENAME TO steps;
CREATE INDEX steps_open ON steps (status, run_after) WHERE status IN ('pending', 'running');
CREATE INDEX steps_request ON steps (request_id);
CREATE INDEX steps_shop ON steps (shop_id);
CREATE INDEX steps_waiting ON steps (shop_id) WHERE status = 'waiting';
ALTER TABLE requests ADD COLUMN wait_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE shops ADD COLUMN reconnect_notice_at DATETIME;

-- +goose Down
ALTER TABLE shops DROP COLUMN reconnect_notice_at;
ALTER TABLE requests DROP COLUMN wait_reason;
CREATE TABLE steps_old (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id      INTEGER      REFERENCES shops (id) ON DELETE CASCADE,
    request_id   INTEGER      REFERENCES requests (id) ON DELETE CASCADE,
    kind         TEXT        NOT NULL,
    payload      TEXT        NOT NULL DEFAULT '{}',
    status       TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
    attempts     INTEGER     NOT NULL DEFAULT 0,
    max_attempts INTEGER     NOT NULL DEFAULT 10,
    last_error   TEXT        NOT NULL DEFAULT '',
    dedupe_key   TEXT,
    run_after    DATETIME NOT NULL,
    lease_until  DATETIME,
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL,
    done_at      DATETIME,
    claims       BIGINT NOT NULL DEFAULT 0,
    UNIQUE (dedupe_key)
);
INSERT INTO steps_old (id, shop_id, request_id, kind, payload, status, attempts, max_attempts, last_error, dedupe_key,
                       run_after, lease_until, created_at, updated_at, done_at, claims)
SELECT id, shop_id, request_id, kind, payload, CASE WHEN status = 'waiting' THEN 'pending' ELSE status END, attempts, max_attempts,
       last_error, dedupe_key, run_after, lease_until, created_at, updated_at, done_at, claims FROM steps;
DELETE FROM sqlite_sequence WHERE name = 'steps_old';
UPDATE sqlite_sequence SET name = 'steps_old' WHERE name = 'steps';
DROP TABLE steps;
ALTER TABLE steps_old RENAME TO steps;
CREATE INDEX steps_open ON steps (status, run_after) WHERE status IN ('pending', 'running');
CREATE INDEX steps_request ON steps (request_id);
CREATE INDEX steps_shop ON steps (shop_id);
