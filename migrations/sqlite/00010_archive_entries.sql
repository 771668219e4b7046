-- One name for the restricted archive (issue 9): retention_holds becomes
-- archive_entries, with its indexes (SQLite renames the table and its
-- unique key's index; the others are dropped and created under the new
-- name). "Legal hold" stays the name of a merchant's freeze of an entry
-- (legal_hold, hold_reason). Sealed data keep their purpose, so no row is
-- rewritten.

-- +goose Up
ALTER TABLE retention_holds RENAME TO archive_entries;
DROP INDEX retention_holds_due;
DROP INDEX retention_holds_request;
CREATE INDEX archive_entries_due ON archive_entries (retain_until) WHERE NOT legal_hold;
CREATE INDEX archive_entries_request ON archive_entries (request_id);

-- +goose Down
DROP INDEX archive_entries_request;
DROP INDEX archive_entries_due;
ALTER TABLE archive_entries RENAME TO retention_holds;
CREATE INDEX retention_holds_due ON retention_holds (retain_until) WHERE NOT legal_hold;
CREATE INDEX retention_holds_request ON retention_holds (request_id);
