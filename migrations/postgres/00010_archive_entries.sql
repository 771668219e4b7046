-- One name for the restricted archive (issue 9): retention_holds becomes
-- archive_entries, with its sequence, indexes and constraints. "Legal hold"
-- stays the name of a merchant's freeze of an entry (legal_hold,
-- hold_reason). Sealed data keep their purpose, so no row is rewritten.

-- +goose Up
ALTER TABLE retention_holds RENAME TO archive_entries;
ALTER SEQUENCE retention_holds_id_seq RENAME TO archive_entries_id_seq;
ALTER TABLE archive_entries RENAME CONSTRAINT retention_holds_pkey TO archive_entries_pkey;
ALTER TABLE archive_entries RENAME CONSTRAINT retention_holds_shop_id_system_record_type_record_id_key TO archive_entries_shop_id_system_record_type_record_id_key;
ALTER TABLE archive_entries RENAME CONSTRAINT retention_holds_shop_id_fkey TO archive_entries_shop_id_fkey;
ALTER TABLE archive_entries RENAME CONSTRAINT retention_holds_request_id_fkey TO archive_entries_request_id_fkey;
ALTER INDEX retention_holds_due RENAME TO archive_entries_due;
ALTER INDEX retention_holds_request RENAME TO archive_entries_request;

-- +goose Down
ALTER INDEX archive_entries_request RENAME TO retention_holds_request;
ALTER INDEX archive_entries_due RENAME TO retention_holds_due;
ALTER TABLE archive_entries RENAME CONSTRAINT archive_entries_request_id_fkey TO retention_holds_request_id_fkey;
ALTER TABLE archive_entries RENAME CONSTRAINT archive_entries_shop_id_fkey TO retention_holds_shop_id_fkey;
ALTER TABLE archive_entries RENAME CONSTRAINT archive_entries_shop_id_system_record_type_record_id_key TO retention_holds_shop_id_system_record_type_record_id_key;
ALTER TABLE archive_entries RENAME CONSTRAINT archive_entries_pkey TO retention_holds_pkey;
ALTER SEQUENCE archive_entries_id_seq RENAME TO retention_holds_id_seq;
ALTER TABLE archive_entries RENAME TO retention_holds;
