-- API tokens (issue 10): bearer tokens for automation and support on a
-- shop's admin API. Only the keyed hash of a token is stored; the token is
-- shown once, by `lethe token create`. A revoked token keeps its row so the
-- audit trail's "token:<id>" keeps a name.

-- +goose Up
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id      INTEGER     NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    name         TEXT        NOT NULL DEFAULT '',
    token_hash   TEXT        NOT NULL UNIQUE,
    created_at   DATETIME    NOT NULL,
    last_used_at DATETIME,
    revoked_at   DATETIME
);
CREATE INDEX api_tokens_shop ON api_tokens (shop_id);

-- +goose Down
DROP TABLE api_tokens;
