-- Issue 13: a store connection under way (WooCommerce's wc-auth). The app
-- picks a random id (state), sends the merchant to the store with it and
-- accepts the store's key callback only for a pending row with that id;
-- shop_id and login_user_id are set when the keys arrived and the shop was
-- stored. No keys and no personal data are kept here (the keys are sealed
-- on the shop).

-- +goose Up
CREATE TABLE pending_connections (
    state         TEXT        PRIMARY KEY,
    platform      TEXT        NOT NULL,
    store_url     TEXT        NOT NULL,
    shop_id       INTEGER,
    login_user_id INTEGER,
    created_at    DATETIME NOT NULL,
    expires_at    DATETIME NOT NULL,
    completed_at  DATETIME
);
CREATE INDEX pending_connections_expires ON pending_connections (expires_at);

-- +goose Down
DROP TABLE pending_connections;
