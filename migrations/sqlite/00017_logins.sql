-- The admin panel's standalone login (issue 11): users per shop with an
-- argon2id password, their server-side sessions, one-time links
-- (invitations, password resets) and failed attempts for the rate limit.
--
-- An e-mail address is personal data: stored sealed, found by its keyed
-- hash, which is unique across the installation (one address, one user, one
-- shop: the login form needs no shop). Sessions and links store only the
-- keyed hash of their secret; the secret lives in the cookie or the link.

-- +goose Up
CREATE TABLE users (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id         INTEGER     NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    email           BLOB        NOT NULL,
    email_hash      TEXT        NOT NULL UNIQUE,
    password_hash   TEXT        NOT NULL DEFAULT '',
    created_at      DATETIME    NOT NULL,
    password_set_at DATETIME,
    last_login_at   DATETIME,
    disabled_at     DATETIME
);
CREATE INDEX users_shop ON users (shop_id);

CREATE TABLE login_sessions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id      INTEGER     NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    user_id      INTEGER     NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    id_hash      TEXT        NOT NULL UNIQUE,
    csrf         TEXT        NOT NULL,
    created_at   DATETIME    NOT NULL,
    last_seen_at DATETIME    NOT NULL,
    expires_at   DATETIME    NOT NULL
);
CREATE INDEX login_sessions_user ON login_sessions (user_id);
CREATE INDEX login_sessions_expires ON login_sessions (expires_at);

CREATE TABLE login_tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id    INTEGER     NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    user_id    INTEGER     NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT        NOT NULL,
    token_hash TEXT        NOT NULL UNIQUE,
    created_at DATETIME    NOT NULL,
    expires_at DATETIME    NOT NULL,
    used_at    DATETIME
);
CREATE INDEX login_tokens_user ON login_tokens (user_id);

-- Failed logins and reset requests, by the keyed hash of the account or of
-- the client's address; rows older than the window are pruned on the way.
CREATE TABLE login_attempts (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    key_hash TEXT        NOT NULL,
    at       DATETIME    NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts (key_hash, at);
CREATE INDEX login_attempts_at ON login_attempts (at);

-- +goose Down
DROP TABLE login_attempts;
DROP TABLE login_tokens;
DROP TABLE login_sessions;
DROP TABLE users;
