-- Access answers (issue 5): the frozen report of a request, the signed
-- links that serve it to the customer, and the reply e-mails. Personal data
-- only in sealed columns (data, recipient, body_text, body_html).

-- +goose Up
ALTER TABLE shops ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE shops ADD COLUMN address TEXT NOT NULL DEFAULT '{}';

CREATE TABLE reports (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id    INTEGER      NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    request_id INTEGER      NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    schema     TEXT        NOT NULL,
    negative   BOOLEAN     NOT NULL DEFAULT FALSE,
    data       BLOB       NOT NULL,
    created_at DATETIME NOT NULL,
    UNIQUE (request_id)
);

CREATE TABLE report_links (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id          INTEGER      NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    request_id       INTEGER      NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    token_hash       TEXT        NOT NULL UNIQUE,
    expires_at       DATETIME NOT NULL,
    revoked_at       DATETIME,
    downloads        INTEGER     NOT NULL DEFAULT 0,
    last_download_at DATETIME,
    created_at       DATETIME NOT NULL
);
CREATE INDEX report_links_request ON report_links (request_id);

CREATE TABLE emails (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id    INTEGER      NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    request_id INTEGER      REFERENCES requests (id) ON DELETE CASCADE,
    kind       TEXT        NOT NULL,
    locale     TEXT        NOT NULL,
    recipient  BLOB       NOT NULL,
    subject    TEXT        NOT NULL,
    body_text  BLOB       NOT NULL,
    body_html  BLOB,
    status     TEXT        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'queued', 'sent', 'failed')),
    message_id TEXT        NOT NULL,
    error      TEXT        NOT NULL DEFAULT '',
    queued_at  DATETIME,
    sent_at    DATETIME,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    UNIQUE (request_id, kind)
);
CREATE INDEX emails_shop ON emails (shop_id);

-- +goose Down
DROP TABLE emails;
DROP TABLE report_links;
DROP TABLE reports;
ALTER TABLE shops DROP COLUMN address;
ALTER TABLE shops DROP COLUMN email;
