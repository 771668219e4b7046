-- One event, one request (issue 9). A webhook delivery records the event it
-- carries (Shopify's X-Shopify-Event-Id, shared by every delivery of one
-- event) and the platform's id of the data-subject request in it (Shopify's
-- data_request.id); each is unique per shop, so a second delivery of either
-- is recognised as a repeat like a repeated delivery id. Empty means not
-- given and is not unique. Existing rows keep empty values.
--
-- used_nonces holds the install state nonces already spent, until their
-- state would have expired anyway, so that a nonce works once across every
-- process.

-- +goose Up
ALTER TABLE webhook_deliveries ADD COLUMN event_id TEXT NOT NULL DEFAULT '';
ALTER TABLE webhook_deliveries ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX webhook_deliveries_event ON webhook_deliveries (platform, shop_domain, event_id) WHERE event_id <> '';
CREATE UNIQUE INDEX webhook_deliveries_external ON webhook_deliveries (platform, shop_domain, external_id) WHERE external_id <> '';

CREATE TABLE used_nonces (
    nonce      TEXT        PRIMARY KEY,
    expires_at DATETIME    NOT NULL
);
CREATE INDEX used_nonces_expires ON used_nonces (expires_at);

-- +goose Down
DROP TABLE used_nonces;
DROP INDEX webhook_deliveries_external;
DROP INDEX webhook_deliveries_event;
ALTER TABLE webhook_deliveries DROP COLUMN external_id;
ALTER TABLE webhook_deliveries DROP COLUMN event_id;
