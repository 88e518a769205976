-- Partnership: shared goals with comments, growth milestones.
-- PostgreSQL twin of ../0003_partnership.sql.

CREATE TABLE goals (
    id              BIGSERIAL PRIMARY KEY,
    brand_id        BIGINT NOT NULL REFERENCES brands(id),
    buyer_id        BIGINT NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    metric          TEXT NOT NULL CHECK (metric IN ('gmv_cents','orders','livestreams','notes','collaborations','custom')),
    target          BIGINT NOT NULL CHECK (target > 0),
    period_start    TEXT COLLATE "C" NOT NULL,
    period_end      TEXT COLLATE "C" NOT NULL,
    current         BIGINT NOT NULL DEFAULT 0,
    -- active, achieved or cancelled; "missed" is derived on read from period_end.
    status          TEXT NOT NULL CHECK (status IN ('active','achieved','cancelled')),
    shared_note     TEXT NOT NULL DEFAULT '',
    acknowledged_at TIMESTAMPTZ,
    achieved_at     TIMESTAMPTZ,
    created_by      BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CHECK (period_end >= period_start)
);
CREATE INDEX goals_brand ON goals(brand_id, status, period_end, id);
CREATE INDEX goals_buyer ON goals(buyer_id, period_start, period_end);

CREATE TABLE goal_comments (
    id          BIGSERIAL PRIMARY KEY,
    brand_id    BIGINT NOT NULL REFERENCES brands(id),
    goal_id     BIGINT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    author_id   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    author_role TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX goal_comments_goal ON goal_comments(goal_id, id);

CREATE TABLE milestones (
    id               BIGSERIAL PRIMARY KEY,
    brand_id         BIGINT NOT NULL REFERENCES brands(id),
    buyer_id         BIGINT NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    code             TEXT NOT NULL,
    title            TEXT NOT NULL,
    achieved_on      TEXT COLLATE "C" NOT NULL,
    source           TEXT NOT NULL CHECK (source IN ('auto','manual')),
    -- Kept after the collaboration is deleted: a milestone reached stays reached.
    collaboration_id BIGINT,
    note             TEXT NOT NULL DEFAULT '',
    created_at       TIMESTAMPTZ NOT NULL
);
-- At most one automatic milestone per buyer and code, even under concurrent writes.
CREATE UNIQUE INDEX milestones_once ON milestones(buyer_id, code) WHERE source = 'auto';
CREATE INDEX milestones_buyer ON milestones(buyer_id, achieved_on, id);
