-- The shop's profile and readiness (issue 10): the website (the primary
-- domain, not the myshopify one), where the German state came from
-- ('postcode' or 'merchant'), when the profile was last read from the
-- platform (refreshed daily), and when the merchant was told what setup is
-- missing (one e-mail per episode, cleared when the shop is ready). A
-- request waiting for the setup names the missing fields.

-- +goose Up
ALTER TABLE shops ADD COLUMN website TEXT NOT NULL DEFAULT '';
ALTER TABLE shops ADD COLUMN region_source TEXT NOT NULL DEFAULT '';
ALTER TABLE shops ADD COLUMN profile_refreshed_at TIMESTAMPTZ;
ALTER TABLE shops ADD COLUMN setup_notice_at TIMESTAMPTZ;
ALTER TABLE requests ADD COLUMN setup_missing TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE requests DROP COLUMN setup_missing;
ALTER TABLE shops DROP COLUMN setup_notice_at;
ALTER TABLE shops DROP COLUMN profile_refreshed_at;
ALTER TABLE shops DROP COLUMN region_source;
ALTER TABLE shops DROP COLUMN website;
