-- Partnership plans, the promises ledger, partner tiers and handovers.
-- PostgreSQL twin of ../0009_plans_tiers.sql.

CREATE TABLE tiers (
    id               BIGSERIAL PRIMARY KEY,
    brand_id         BIGINT NOT NULL REFERENCES brands(id),
    name             TEXT NOT NULL,
    rank             INTEGER NOT NULL CHECK (rank >= 1),
    gmv_cents_90d    BIGINT NOT NULL DEFAULT 0 CHECK (gmv_cents_90d >= 0),
    completed_90d    BIGINT NOT NULL DEFAULT 0 CHECK (completed_90d >= 0),
    promises_kept_bp BIGINT NOT NULL DEFAULT 0 CHECK (promises_kept_bp BETWEEN 0 AND 10000),
    benefits         TEXT NOT NULL DEFAULT '[]',
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX tiers_rank ON tiers(brand_id, rank);

ALTER TABLE buyers ADD COLUMN tier_id BIGINT REFERENCES tiers(id) ON DELETE SET NULL;
ALTER TABLE buyers ADD COLUMN tier_name TEXT NOT NULL DEFAULT '';
ALTER TABLE buyers ADD COLUMN tier_rank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE buyers ADD COLUMN tier_pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE buyers ADD COLUMN tier_completed_90d BIGINT NOT NULL DEFAULT 0;
ALTER TABLE buyers ADD COLUMN tier_kept_bp BIGINT;

CREATE TABLE plans (
    id              BIGSERIAL PRIMARY KEY,
    brand_id        BIGINT NOT NULL REFERENCES brands(id),
    buyer_id        BIGINT NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    period_start    TEXT COLLATE "C" NOT NULL,
    period_end      TEXT COLLATE "C" NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('draft','proposed','agreed','closed','withdrawn')),
    brand_agreed_at TIMESTAMPTZ,
    buyer_agreed_at TIMESTAMPTZ,
    created_by      BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CHECK (period_end >= period_start)
);
CREATE INDEX plans_brand_id ON plans(brand_id, id);
CREATE INDEX plans_brand_status_id ON plans(brand_id, status, id);
CREATE INDEX plans_buyer_id ON plans(buyer_id, id);

CREATE TABLE plan_goals (
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    goal_id BIGINT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    PRIMARY KEY (plan_id, goal_id)
);

CREATE TABLE commitments (
    id          BIGSERIAL PRIMARY KEY,
    brand_id    BIGINT NOT NULL REFERENCES brands(id),
    buyer_id    BIGINT NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    plan_id     BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    side        TEXT NOT NULL CHECK (side IN ('brand','buyer')),
    kind        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    due_on      TEXT COLLATE "C" NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open','kept','missed','waived')),
    settled_on  TEXT COLLATE "C",
    settled_by  TEXT CHECK (settled_by IN ('brand','buyer')),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX commitments_plan ON commitments(plan_id, id);
CREATE INDEX commitments_buyer ON commitments(buyer_id, side, status, settled_on);

CREATE TABLE plan_comments (
    id          BIGSERIAL PRIMARY KEY,
    brand_id    BIGINT NOT NULL REFERENCES brands(id),
    plan_id     BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    author_id   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    author_role TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX plan_comments_plan ON plan_comments(plan_id, id);

ALTER TABLE activities DROP CONSTRAINT activities_kind_check;
ALTER TABLE activities ADD CONSTRAINT activities_kind_check
    CHECK (kind IN ('meeting','call','message','sample_sent','training','note','handover'));
ALTER TABLE activities ADD COLUMN detail TEXT;
CREATE INDEX activities_handover ON activities(buyer_id, id) WHERE kind = 'handover' AND done = 0;
