-- Partnership plans with both sides' commitments (the promises ledger), plan
-- comments, partner tiers kept on the buyer row, and handover entries on the
-- timeline (issue 14).

CREATE TABLE tiers (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    brand_id         INTEGER NOT NULL REFERENCES brands(id),
    name             TEXT NOT NULL,
    rank             INTEGER NOT NULL CHECK (rank >= 1),
    gmv_cents_90d    INTEGER NOT NULL DEFAULT 0 CHECK (gmv_cents_90d >= 0),
    completed_90d    INTEGER NOT NULL DEFAULT 0 CHECK (completed_90d >= 0),
    -- hundredths of a percent, 0–10000
    promises_kept_bp INTEGER NOT NULL DEFAULT 0 CHECK (promises_kept_bp BETWEEN 0 AND 10000),
    benefits         TEXT NOT NULL DEFAULT '[]',
    created_at       DATETIME NOT NULL,
    updated_at       DATETIME NOT NULL
);
-- One tier per rank in a brand, so "the highest tier met" is one tier.
CREATE UNIQUE INDEX tiers_rank ON tiers(brand_id, rank);

-- The buyer's tier is kept on its row (never computed per request): the tier
-- and the standing it was assigned from, refreshed on write and daily.
ALTER TABLE buyers ADD COLUMN tier_id INTEGER REFERENCES tiers(id) ON DELETE SET NULL;
ALTER TABLE buyers ADD COLUMN tier_name TEXT NOT NULL DEFAULT '';
ALTER TABLE buyers ADD COLUMN tier_rank INTEGER NOT NULL DEFAULT 0;
-- 1 when the brand pinned the tier by hand (PATCH /buyers/{id} {tier_id}).
ALTER TABLE buyers ADD COLUMN tier_pinned INTEGER NOT NULL DEFAULT 0;
-- Completed collaborations in the 90-day window, as of the last tier refresh.
ALTER TABLE buyers ADD COLUMN tier_completed_90d INTEGER NOT NULL DEFAULT 0;
-- The buyer's share of its own promises kept over 12 months, in hundredths of
-- a percent; NULL while none was settled.
ALTER TABLE buyers ADD COLUMN tier_kept_bp INTEGER;

CREATE TABLE plans (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    brand_id        INTEGER NOT NULL REFERENCES brands(id),
    buyer_id        INTEGER NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    period_start    TEXT NOT NULL,
    period_end      TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('draft','proposed','agreed','closed','withdrawn')),
    brand_agreed_at DATETIME,
    buyer_agreed_at DATETIME,
    created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL,
    CHECK (period_end >= period_start)
);
CREATE INDEX plans_brand_id ON plans(brand_id, id);
CREATE INDEX plans_brand_status_id ON plans(brand_id, status, id);
CREATE INDEX plans_buyer_id ON plans(buyer_id, id);

CREATE TABLE plan_goals (
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    PRIMARY KEY (plan_id, goal_id)
);

CREATE TABLE commitments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    brand_id    INTEGER NOT NULL REFERENCES brands(id),
    buyer_id    INTEGER NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    side        TEXT NOT NULL CHECK (side IN ('brand','buyer')),
    kind        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    due_on      TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open','kept','missed','waived')),
    settled_on  TEXT,
    settled_by  TEXT CHECK (settled_by IN ('brand','buyer')),
    note        TEXT NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL
);
CREATE INDEX commitments_plan ON commitments(plan_id, id);
-- The ledger and the kept shares read a buyer's commitments by side and settlement day.
CREATE INDEX commitments_buyer ON commitments(buyer_id, side, status, settled_on);

CREATE TABLE plan_comments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    brand_id    INTEGER NOT NULL REFERENCES brands(id),
    plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    author_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    author_role TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  DATETIME NOT NULL
);
CREATE INDEX plan_comments_plan ON plan_comments(plan_id, id);

-- Activities gain the kind 'handover' and a JSON detail (the handover
-- snapshot). SQLite cannot change a CHECK in place: the table is rebuilt.
CREATE TABLE activities_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    brand_id     INTEGER NOT NULL REFERENCES brands(id),
    buyer_id     INTEGER NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('meeting','call','message','sample_sent','training','note','handover')),
    summary      TEXT NOT NULL,
    occurred_at  DATETIME NOT NULL,
    follow_up_on TEXT,
    done         INTEGER NOT NULL DEFAULT 0,
    by_user_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL,
    detail       TEXT
);
INSERT INTO activities_new (id, brand_id, buyer_id, kind, summary, occurred_at, follow_up_on, done, by_user_id, created_at, updated_at)
    SELECT id, brand_id, buyer_id, kind, summary, occurred_at, follow_up_on, done, by_user_id, created_at, updated_at FROM activities;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;
CREATE INDEX activities_buyer ON activities(buyer_id, occurred_at, id);
-- Open follow-ups of a brand, oldest first.
CREATE INDEX activities_follow_ups ON activities(brand_id, follow_up_on, id) WHERE done = 0 AND follow_up_on IS NOT NULL;
-- Handovers not yet dismissed, newest first, per buyer.
CREATE INDEX activities_handover ON activities(buyer_id, id) WHERE kind = 'handover' AND done = 0;
