-- Issue 10: the admin list sorts and filters a shop's requests by due date
-- (keyset paging: due date, then id); the daily digest to the merchant is
-- claimed once per shop and local date by its row in digest_runs, however
-- many workers receive the task (no personal data).

-- +goose Up
CREATE INDEX requests_shop_due ON requests (shop_id, due_at, id);

CREATE TABLE digest_runs (
    id         BIGSERIAL PRIMARY KEY,
    shop_id    BIGINT      NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    day        DATE        NOT NULL,
    email_id   BIGINT      REFERENCES emails (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (shop_id, day)
);

-- +goose Down
DROP TABLE digest_runs;
DROP INDEX requests_shop_due;
