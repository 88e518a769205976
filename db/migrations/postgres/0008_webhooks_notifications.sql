-- Webhooks (endpoints, the outbox of events and one delivery row per
-- PostgreSQL twin of ../0008_webhooks_notifications.sql.
-- endpoint and event) and in-app notifications.

CREATE TABLE webhooks (
    id               BIGSERIAL PRIMARY KEY,
    brand_id         BIGINT NOT NULL REFERENCES brands(id),
    url              TEXT NOT NULL,
    -- JSON array of event types, or ["*"].
    events           TEXT NOT NULL DEFAULT '["*"]',
    description      TEXT NOT NULL DEFAULT '',
    active           INTEGER NOT NULL DEFAULT 1,
    format           TEXT NOT NULL DEFAULT 'standard' CHECK (format IN ('standard','feishu','wecom')),
    -- The signing secret (whsec_…) is kept as is: the sender needs the key
    -- itself to sign, so a hash cannot do (README, "Webhooks").
    secret           TEXT NOT NULL,
    -- After a rotation, the previous secret signs too until prev_until.
    prev_secret      TEXT NOT NULL DEFAULT '',
    prev_until       TIMESTAMPTZ,
    -- The signing secret a 飞书 robot gave (format feishu only; empty: unsigned).
    bot_secret       TEXT NOT NULL DEFAULT '',
    -- A worker's lease on the endpoint: one sender per endpoint keeps its events in order.
    lease_until      TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhooks_brand ON webhooks(brand_id, active, id);

-- The outbox: one row per event that at least one endpoint wants, written in
-- the transaction of the change that caused it.
CREATE TABLE webhook_events (
    id         BIGSERIAL PRIMARY KEY,
    brand_id   BIGINT NOT NULL REFERENCES brands(id),
    uid        TEXT NOT NULL UNIQUE,
    type       TEXT NOT NULL,
    -- The exact body of a standard delivery, the same bytes on every retry.
    payload    TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE webhook_deliveries (
    id              BIGSERIAL PRIMARY KEY,
    brand_id        BIGINT NOT NULL REFERENCES brands(id),
    webhook_id      BIGINT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    event_id        BIGINT NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','failed','dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_status     INTEGER,
    last_error      TEXT NOT NULL DEFAULT '',
    last_response   TEXT NOT NULL DEFAULT '',
    next_attempt_at TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL
);
-- The worker's queue: an endpoint's open deliveries, oldest first.
CREATE INDEX webhook_deliveries_open ON webhook_deliveries(webhook_id, id) WHERE status IN ('pending','failed');
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status IN ('pending','failed');
CREATE INDEX webhook_deliveries_log ON webhook_deliveries(webhook_id, id);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries(event_id);
CREATE INDEX webhook_deliveries_done ON webhook_deliveries(delivered_at) WHERE status = 'delivered';

CREATE TABLE notifications (
    id         BIGSERIAL PRIMARY KEY,
    brand_id   BIGINT NOT NULL REFERENCES brands(id),
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    -- Set for notifications that must be made once (a follow-up's due day):
    -- the unique index makes a second maker, on any instance, a no-op.
    once_key   TEXT,
    read_at    TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id, id) WHERE read_at IS NULL;
CREATE UNIQUE INDEX notifications_once ON notifications(once_key) WHERE once_key IS NOT NULL;
