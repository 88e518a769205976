-- Records: collaborations with their metrics, capability snapshots, activities.

CREATE TABLE collaborations (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    brand_id          INTEGER NOT NULL REFERENCES brands(id),
    buyer_id          INTEGER NOT NULL REFERENCES buyers(id),
    type              TEXT NOT NULL CHECK (type IN ('livestream','note','shop_window','seeding')),
    title             TEXT NOT NULL,
    products          TEXT NOT NULL DEFAULT '[]',
    status            TEXT NOT NULL CHECK (status IN ('planned','in_progress','completed','cancelled')),
    start_on          TEXT NOT NULL,
    end_on            TEXT,
    slot_fee_cents    INTEGER NOT NULL DEFAULT 0,
    commission_bp     INTEGER NOT NULL DEFAULT 0,   -- hundredths of a percent
    sample_cost_cents INTEGER NOT NULL DEFAULT 0,
    views             INTEGER NOT NULL DEFAULT 0,
    viewers           INTEGER NOT NULL DEFAULT 0,
    clicks            INTEGER NOT NULL DEFAULT 0,
    orders            INTEGER NOT NULL DEFAULT 0,
    units             INTEGER NOT NULL DEFAULT 0,
    gmv_cents         INTEGER NOT NULL DEFAULT 0,
    refund_cents      INTEGER NOT NULL DEFAULT 0,
    interactions      INTEGER NOT NULL DEFAULT 0,
    roi_e4            INTEGER,                      -- kpis.roi in ten-thousandths; NULL when total cost is 0
    brand_rating      INTEGER,
    shared_feedback   TEXT NOT NULL DEFAULT '',
    internal_notes    TEXT NOT NULL DEFAULT '',
    created_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at        DATETIME NOT NULL,
    updated_at        DATETIME NOT NULL
);
-- One index per list sort, led by the tenant.
CREATE INDEX collaborations_by_start   ON collaborations(brand_id, start_on, id);
CREATE INDEX collaborations_by_gmv     ON collaborations(brand_id, gmv_cents, id);
CREATE INDEX collaborations_by_roi     ON collaborations(brand_id, roi_e4, id);
CREATE INDEX collaborations_by_created ON collaborations(brand_id, created_at, id);
-- A buyer's collaborations (buyer filter, purge check) and its stats (covering).
CREATE INDEX collaborations_buyer ON collaborations(buyer_id, status, start_on, gmv_cents);
-- The daily roll-forward of gmv_cents_90d finds completed collaborations by day.
CREATE INDEX collaborations_completed_on ON collaborations(start_on, buyer_id) WHERE status = 'completed';

CREATE TABLE capability_snapshots (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    brand_id           INTEGER NOT NULL REFERENCES brands(id),
    buyer_id           INTEGER NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    recorded_on        TEXT NOT NULL,
    skus_per_month     INTEGER NOT NULL DEFAULT 0,
    categories_covered INTEGER NOT NULL DEFAULT 0,
    hit_rate_bp        INTEGER NOT NULL DEFAULT 0,  -- hundredths of a percent
    shop_window_items  INTEGER NOT NULL DEFAULT 0,
    sessions_per_month INTEGER NOT NULL DEFAULT 0,
    avg_minutes        INTEGER NOT NULL DEFAULT 0,
    avg_viewers        INTEGER NOT NULL DEFAULT 0,
    peak_viewers       INTEGER NOT NULL DEFAULT 0,
    avg_gmv_cents      INTEGER NOT NULL DEFAULT 0,
    assessment         TEXT NOT NULL DEFAULT '',
    recorded_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at         DATETIME NOT NULL
);
CREATE INDEX capability_snapshots_buyer ON capability_snapshots(buyer_id, recorded_on, id);

CREATE TABLE activities (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    brand_id     INTEGER NOT NULL REFERENCES brands(id),
    buyer_id     INTEGER NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('meeting','call','message','sample_sent','training','note')),
    summary      TEXT NOT NULL,
    occurred_at  DATETIME NOT NULL,
    follow_up_on TEXT,
    done         INTEGER NOT NULL DEFAULT 0,
    by_user_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL
);
CREATE INDEX activities_buyer ON activities(buyer_id, occurred_at, id);
-- Open follow-ups of a brand, oldest first.
CREATE INDEX activities_follow_ups ON activities(brand_id, follow_up_on, id) WHERE done = 0 AND follow_up_on IS NOT NULL;
