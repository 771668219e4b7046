-- Issue 12: who gets the answer, and when its link works. A request whose
-- e-mail address, customer id and order numbers do not belong to the same
-- person waits in identity_unverified; identity_mismatch names the fields
-- that disagree (field names only, no personal data). A customer's report
-- link is created inactive with the answer's draft and works from the
-- moment the e-mail is sent (activated_at): its lifetime (lifetime_seconds,
-- LETHE_REPORT_LINK_TTL) counts from then. Links made before this change
-- count as activated when they were made.

-- +goose Up
ALTER TABLE requests ADD COLUMN identity_mismatch TEXT NOT NULL DEFAULT '';
ALTER TABLE report_links ADD COLUMN activated_at DATETIME;
ALTER TABLE report_links ADD COLUMN lifetime_seconds BIGINT NOT NULL DEFAULT 0;
UPDATE report_links SET activated_at = created_at;

-- +goose Down
ALTER TABLE report_links DROP COLUMN lifetime_seconds;
ALTER TABLE report_links DROP COLUMN activated_at;
ALTER TABLE requests DROP COLUMN identity_mismatch;
