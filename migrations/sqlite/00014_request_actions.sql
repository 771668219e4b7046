-- A request's whole life in the admin API (issue 10): the merchant marks
-- the person's identity verified (identity_verified_at), and a request the
-- merchant refused (Art. 12(5) GDPR), the person withdrew, or the merchant
-- closed keeps the merchant's reason, sealed like the subject (it is free
-- text and may name the person). The extension (Art. 12(3)) uses the
-- existing extended_at and extended_due_at.

-- +goose Up
ALTER TABLE requests ADD COLUMN identity_verified_at DATETIME;
ALTER TABLE requests ADD COLUMN closing_reason BLOB;

-- +goose Down
ALTER TABLE requests DROP COLUMN closing_reason;
ALTER TABLE requests DROP COLUMN identity_verified_at;
