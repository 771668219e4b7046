-- Issue 12: Shopify holds customers/redact back (10 days, or until six
-- months after the customer's last order), so its arrival is not the day
-- the person asked. requests.receipt says whether received_at is that day:
-- '' it is; 'unknown' it is the webhook's arrival (due_at then holds the
-- platform's limit, for sorting, and the legal due date is unknown);
-- 'recorded' the merchant recorded the day and the due dates count from it.

-- +goose Up
ALTER TABLE requests ADD COLUMN receipt TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE requests DROP COLUMN receipt;
