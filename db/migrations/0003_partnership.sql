-- Partnership: shared goals with comments, growth milestones.

CREATE TABLE goals (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    brand_id        INTEGER NOT NULL REFERENCES brands(id),
    buyer_id        INTEGER NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    metric          TEXT NOT NULL CHECK (metric IN ('gmv_cents','orders','livestreams','notes','collaborations','custom')),
    target          INTEGER NOT NULL CHECK (target > 0),
    period_start    TEXT NOT NULL,
    period_end      TEXT NOT NULL,
    current         INTEGER NOT NULL DEFAULT 0,
    -- active, achieved or cancelled; "missed" is derived on read from period_end.
    status          TEXT NOT NULL CHECK (status IN ('active','achieved','cancelled')),
    shared_note     TEXT NOT NULL DEFAULT '',
    acknowledged_at DATETIME,
    achieved_at     DATETIME,
    created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL,
    CHECK (period_end >= period_start)
);
CREATE INDEX goals_brand ON goals(brand_id, status, period_end, id);
CREATE INDEX goals_buyer ON goals(buyer_id, period_start, period_end);

CREATE TABLE goal_comments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    brand_id    INTEGER NOT NULL REFERENCES brands(id),
    goal_id     INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    author_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    author_role TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  DATETIME NOT NULL
);
CREATE INDEX goal_comments_goal ON goal_comments(goal_id, id);

CREATE TABLE milestones (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    brand_id         INTEGER NOT NULL REFERENCES brands(id),
    buyer_id         INTEGER NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    code             TEXT NOT NULL,
    title            TEXT NOT NULL,
    achieved_on      TEXT NOT NULL,
    source           TEXT NOT NULL CHECK (source IN ('auto','manual')),
    -- Kept after the collaboration is deleted: a milestone reached stays reached.
    collaboration_id INTEGER,
    note             TEXT NOT NULL DEFAULT '',
    created_at       DATETIME NOT NULL
);
-- At most one automatic milestone per buyer and code, even under concurrent writes.
CREATE UNIQUE INDEX milestones_once ON milestones(buyer_id, code) WHERE source = 'auto';
CREATE INDEX milestones_buyer ON milestones(buyer_id, achieved_on, id);
