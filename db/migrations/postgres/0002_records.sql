-- Records: collaborations with their metrics, capability snapshots, activities.
-- PostgreSQL twin of ../0002_records.sql.

CREATE TABLE collaborations (
    id                BIGSERIAL PRIMARY KEY,
    brand_id          BIGINT NOT NULL REFERENCES brands(id),
    buyer_id          BIGINT NOT NULL REFERENCES buyers(id),
    type              TEXT COLLATE "C" NOT NULL CHECK (type IN ('livestream','note','shop_window','seeding')),
    title             TEXT NOT NULL,
    products          TEXT NOT NULL DEFAULT '[]',
    status            TEXT NOT NULL CHECK (status IN ('planned','in_progress','completed','cancelled')),
    start_on          TEXT COLLATE "C" NOT NULL,
    end_on            TEXT COLLATE "C",
    slot_fee_cents    BIGINT NOT NULL DEFAULT 0,
    commission_bp     BIGINT NOT NULL DEFAULT 0,   -- hundredths of a percent
    sample_cost_cents BIGINT NOT NULL DEFAULT 0,
    views             BIGINT NOT NULL DEFAULT 0,
    viewers           BIGINT NOT NULL DEFAULT 0,
    clicks            BIGINT NOT NULL DEFAULT 0,
    orders            BIGINT NOT NULL DEFAULT 0,
    units             BIGINT NOT NULL DEFAULT 0,
    gmv_cents         BIGINT NOT NULL DEFAULT 0,
    refund_cents      BIGINT NOT NULL DEFAULT 0,
    interactions      BIGINT NOT NULL DEFAULT 0,
    roi_e4            BIGINT,                      -- kpis.roi in ten-thousandths; NULL when total cost is 0
    brand_rating      BIGINT,
    shared_feedback   TEXT NOT NULL DEFAULT '',
    internal_notes    TEXT NOT NULL DEFAULT '',
    created_by        BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
-- One index per list sort, led by the tenant; NULL ROIs first ascending, as on SQLite.
CREATE INDEX collaborations_by_start   ON collaborations(brand_id, start_on, id);
CREATE INDEX collaborations_by_gmv     ON collaborations(brand_id, gmv_cents, id);
CREATE INDEX collaborations_by_roi     ON collaborations(brand_id, roi_e4 NULLS FIRST, id);
CREATE INDEX collaborations_by_created ON collaborations(brand_id, created_at, id);
-- A buyer's collaborations (buyer filter, purge check) and its stats (covering).
CREATE INDEX collaborations_buyer ON collaborations(buyer_id, status, start_on, gmv_cents);
-- The daily roll-forward of gmv_cents_90d finds completed collaborations by day.
CREATE INDEX collaborations_completed_on ON collaborations(start_on, buyer_id) WHERE status = 'completed';

CREATE TABLE capability_snapshots (
    id                 BIGSERIAL PRIMARY KEY,
    brand_id           BIGINT NOT NULL REFERENCES brands(id),
    buyer_id           BIGINT NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    recorded_on        TEXT COLLATE "C" NOT NULL,
    skus_per_month     BIGINT NOT NULL DEFAULT 0,
    categories_covered BIGINT NOT NULL DEFAULT 0,
    hit_rate_bp        BIGINT NOT NULL DEFAULT 0,  -- hundredths of a percent
    shop_window_items  BIGINT NOT NULL DEFAULT 0,
    sessions_per_month BIGINT NOT NULL DEFAULT 0,
    avg_minutes        BIGINT NOT NULL DEFAULT 0,
    avg_viewers        BIGINT NOT NULL DEFAULT 0,
    peak_viewers       BIGINT NOT NULL DEFAULT 0,
    avg_gmv_cents      BIGINT NOT NULL DEFAULT 0,
    assessment         TEXT NOT NULL DEFAULT '',
    recorded_by        BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX capability_snapshots_buyer ON capability_snapshots(buyer_id, recorded_on, id);

CREATE TABLE activities (
    id           BIGSERIAL PRIMARY KEY,
    brand_id     BIGINT NOT NULL REFERENCES brands(id),
    buyer_id     BIGINT NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('meeting','call','message','sample_sent','training','note')),
    summary      TEXT NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    follow_up_on TEXT COLLATE "C",
    done         INTEGER NOT NULL DEFAULT 0,
    by_user_id   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX activities_buyer ON activities(buyer_id, occurred_at, id);
-- Open follow-ups of a brand, oldest first.
CREATE INDEX activities_follow_ups ON activities(brand_id, follow_up_on, id) WHERE done = 0 AND follow_up_on IS NOT NULL;
