-- What differs by platform is recorded on the request at intake, so the
-- core never asks which platform sent it (issue 9): initiator is the
-- system whose own request this is (it erases its own data itself; a
-- later erasure webhook of it joins only a request Lethe started), and
-- automatic says the request runs without the merchant's review (its plan
-- approved by policy, its confirmation sent at once). Every request so far
-- with source shopify came from Shopify's compliance webhooks, and every
-- such erasure was customers/redact.

-- +goose Up
ALTER TABLE requests ADD COLUMN initiator TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN automatic BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE requests SET initiator = 'shopify' WHERE source = 'shopify';
UPDATE requests SET automatic = TRUE WHERE source = 'shopify' AND type = 'erasure';

-- +goose Down
ALTER TABLE requests DROP COLUMN automatic;
ALTER TABLE requests DROP COLUMN initiator;
