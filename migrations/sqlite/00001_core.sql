-- Core nouns of Lethe. Personal data lives only in sealed (encrypted) columns:
-- requests.subject, data_items.data, retention_holds.data, webhook_deliveries.body.

-- +goose Up
CREATE TABLE shops (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    platform       TEXT        NOT NULL CHECK (platform IN ('shopify', 'woocommerce', 'manual')),
    domain         TEXT        NOT NULL,
    name           TEXT        NOT NULL DEFAULT '',
    status         TEXT        NOT NULL DEFAULT 'active',
    country        TEXT        NOT NULL DEFAULT 'DE',
    region         TEXT        NOT NULL DEFAULT '',
    timezone       TEXT        NOT NULL DEFAULT 'Europe/Berlin',
    locale         TEXT        NOT NULL DEFAULT 'de',
    scopes         TEXT        NOT NULL DEFAULT '',
    credentials    BLOB,
    settings       TEXT        NOT NULL DEFAULT '{}',
    installed_at   DATETIME,
    uninstalled_at DATETIME,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL,
    UNIQUE (platform, domain)
);

CREATE TABLE requests (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id         INTEGER      NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    type            TEXT        NOT NULL CHECK (type IN ('access', 'erasure')),
    source          TEXT        NOT NULL,
    channel         TEXT        NOT NULL DEFAULT '',
    status          TEXT        NOT NULL,
    partial         BOOLEAN     NOT NULL DEFAULT FALSE,
    subject         BLOB,
    subject_hash    TEXT        NOT NULL DEFAULT '',
    external_id     TEXT        NOT NULL DEFAULT '',
    locale          TEXT        NOT NULL DEFAULT '',
    failure         TEXT        NOT NULL DEFAULT '',
    received_at     DATETIME NOT NULL,
    due_at          DATE        NOT NULL,
    extended_due_at DATE        NOT NULL,
    platform_due_at DATE,
    extended_at     DATETIME,
    answered_at     DATETIME,
    completed_at    DATETIME,
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL
);
CREATE INDEX requests_shop_received ON requests (shop_id, received_at DESC);
CREATE INDEX requests_shop_subject ON requests (shop_id, subject_hash);

CREATE TABLE request_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id      INTEGER      NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    request_id   INTEGER      REFERENCES requests (id) ON DELETE CASCADE,
    actor        TEXT        NOT NULL,
    action       TEXT        NOT NULL,
    detail       TEXT        NOT NULL DEFAULT '',
    subject_hash TEXT        NOT NULL DEFAULT '',
    at           DATETIME NOT NULL
);
CREATE INDEX request_events_request ON request_events (request_id, id);

CREATE TABLE data_items (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id          INTEGER      NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    request_id       INTEGER      NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    system           TEXT        NOT NULL,
    record_type      TEXT        NOT NULL,
    record_id        TEXT        NOT NULL,
    data             BLOB,
    document_date    DATE,
    delivered_on     DATE,
    consent_ended_on DATE,
    open             BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at       DATETIME NOT NULL,
    UNIQUE (request_id, system, record_type, record_id)
);
CREATE INDEX data_items_shop ON data_items (shop_id);

CREATE TABLE retention_holds (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id         INTEGER      NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    request_id      INTEGER      REFERENCES requests (id) ON DELETE SET NULL,
    system          TEXT        NOT NULL,
    record_type     TEXT        NOT NULL,
    record_id       TEXT        NOT NULL,
    legal_reference TEXT        NOT NULL,
    keep_fields     TEXT        NOT NULL DEFAULT '[]',
    data            BLOB,
    retain_until    DATE        NOT NULL,
    legal_hold      BOOLEAN     NOT NULL DEFAULT FALSE,
    hold_reason     TEXT        NOT NULL DEFAULT '',
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL,
    UNIQUE (shop_id, system, record_type, record_id)
);
CREATE INDEX retention_holds_due ON retention_holds (retain_until) WHERE NOT legal_hold;

CREATE TABLE webhook_deliveries (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    platform     TEXT        NOT NULL,
    delivery_id  TEXT        NOT NULL,
    shop_domain  TEXT        NOT NULL,
    topic        TEXT        NOT NULL,
    status       TEXT        NOT NULL,
    error        TEXT        NOT NULL DEFAULT '',
    body         BLOB,
    request_id   INTEGER      REFERENCES requests (id) ON DELETE SET NULL,
    received_at  DATETIME NOT NULL,
    processed_at DATETIME,
    UNIQUE (platform, delivery_id)
);
CREATE INDEX webhook_deliveries_shop ON webhook_deliveries (platform, shop_domain);

-- The work table: every pipeline step is a row before it is a task in Redis.
CREATE TABLE steps (
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
    UNIQUE (dedupe_key)
);
CREATE INDEX steps_open ON steps (status, run_after) WHERE status IN ('pending', 'running');
CREATE INDEX steps_request ON steps (request_id);

-- +goose Down
DROP TABLE steps;
DROP TABLE webhook_deliveries;
DROP TABLE retention_holds;
DROP TABLE data_items;
DROP TABLE request_events;
DROP TABLE requests;
DROP TABLE shops;
