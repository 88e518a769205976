-- The read model of the hot reads (issue 11), kept on write so that a read
-- costs what its answer holds, not what the history holds.
--
-- 1. Period rollups per buyer: each buyer's completed collaborations and GMV
--    in the 7-, 30-, 90- and 365-day windows ending on the day the stats
--    window was rolled to (settings 'stats_window_on'). stats_windows holds
--    those windows' bounds, moved by the daily roll (store/stats.go); the
--    triggers below keep buyer_period_stats on every collaboration write
--    (API, batch, CSV import, seed, cascade deletes alike). A buyer without a
--    completed collaboration in a window has no row for it, so the rows of
--    (brand, days) are that period's active buyers, and the index hands the
--    dashboard its top buyers in order.
-- 2. brand_period_stats counts those rows per brand and window (the
--    dashboard's active buyers), kept by triggers on buyer_period_stats.
-- 3. dashboard_monthly: completed GMV per brand and month (gmv_by_month),
--    kept like dashboard_daily.
-- 4. brand_stage_counts: buyers per brand, status and stage (the dashboard's
--    stages), kept by triggers on buyers.
-- 5. buyer_labels carry the buyer's status and name (the default sort), kept
--    by a trigger on buyers, so a circle or category filter reads one index
--    range in page order instead of probing labels buyer by buyer.

CREATE TABLE stats_windows (
    days  INTEGER PRIMARY KEY,
    since TEXT NOT NULL,
    until TEXT NOT NULL
);
INSERT INTO stats_windows (days, since, until)
SELECT w.days, COALESCE(date(s.value, '-' || (w.days - 1) || ' days'), ''), COALESCE(s.value, '')
FROM (SELECT 7 AS days UNION ALL SELECT 30 UNION ALL SELECT 90 UNION ALL SELECT 365) w
LEFT JOIN settings s ON s.key = 'stats_window_on';

CREATE TABLE buyer_period_stats (
    buyer_id       INTEGER NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    days           INTEGER NOT NULL,
    brand_id       INTEGER NOT NULL,
    collaborations INTEGER NOT NULL,
    gmv_cents      INTEGER NOT NULL,
    PRIMARY KEY (buyer_id, days)
) WITHOUT ROWID;
CREATE INDEX buyer_period_stats_top ON buyer_period_stats(brand_id, days, gmv_cents DESC, buyer_id);

CREATE TABLE brand_period_stats (
    brand_id      INTEGER NOT NULL,
    days          INTEGER NOT NULL,
    active_buyers INTEGER NOT NULL,
    PRIMARY KEY (brand_id, days)
) WITHOUT ROWID;

CREATE TRIGGER buyer_period_stats_counted AFTER INSERT ON buyer_period_stats
BEGIN
    INSERT INTO brand_period_stats (brand_id, days, active_buyers) VALUES (NEW.brand_id, NEW.days, 1)
    ON CONFLICT (brand_id, days) DO UPDATE SET active_buyers = active_buyers + 1;
END;
CREATE TRIGGER buyer_period_stats_uncounted AFTER DELETE ON buyer_period_stats
BEGIN
    UPDATE brand_period_stats SET active_buyers = active_buyers - 1
    WHERE brand_id = OLD.brand_id AND days = OLD.days;
END;

INSERT INTO buyer_period_stats (buyer_id, days, brand_id, collaborations, gmv_cents)
SELECT c.buyer_id, w.days, c.brand_id, COUNT(*), SUM(c.gmv_cents)
FROM collaborations c JOIN stats_windows w ON c.start_on BETWEEN w.since AND w.until
WHERE c.status = 'completed' GROUP BY c.buyer_id, w.days, c.brand_id;

CREATE TABLE dashboard_monthly (
    brand_id  INTEGER NOT NULL,
    month     TEXT NOT NULL,
    gmv_cents INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (brand_id, month)
) WITHOUT ROWID;
INSERT INTO dashboard_monthly (brand_id, month, gmv_cents)
SELECT brand_id, substr(day, 1, 7), SUM(gmv_cents) FROM dashboard_daily GROUP BY brand_id, substr(day, 1, 7);

-- The old row leaves its windows (when it was completed), the new one enters
-- its windows (when it is completed); a buyer's row that drops to no
-- collaborations is removed.
CREATE TRIGGER collaborations_periods_insert AFTER INSERT ON collaborations
WHEN NEW.status = 'completed'
BEGIN
    INSERT INTO buyer_period_stats (buyer_id, days, brand_id, collaborations, gmv_cents)
    SELECT NEW.buyer_id, w.days, NEW.brand_id, 1, NEW.gmv_cents FROM stats_windows w
    WHERE NEW.start_on BETWEEN w.since AND w.until
    ON CONFLICT (buyer_id, days) DO UPDATE SET
        collaborations = collaborations + 1, gmv_cents = gmv_cents + excluded.gmv_cents;
    INSERT INTO dashboard_monthly (brand_id, month, gmv_cents) VALUES (NEW.brand_id, substr(NEW.start_on, 1, 7), NEW.gmv_cents)
    ON CONFLICT (brand_id, month) DO UPDATE SET gmv_cents = gmv_cents + excluded.gmv_cents;
END;

CREATE TRIGGER collaborations_periods_delete AFTER DELETE ON collaborations
WHEN OLD.status = 'completed'
BEGIN
    UPDATE buyer_period_stats SET collaborations = collaborations - 1, gmv_cents = gmv_cents - OLD.gmv_cents
    WHERE buyer_id = OLD.buyer_id AND days IN (SELECT days FROM stats_windows WHERE OLD.start_on BETWEEN since AND until);
    DELETE FROM buyer_period_stats WHERE buyer_id = OLD.buyer_id AND collaborations <= 0;
    UPDATE dashboard_monthly SET gmv_cents = gmv_cents - OLD.gmv_cents
    WHERE brand_id = OLD.brand_id AND month = substr(OLD.start_on, 1, 7);
END;

CREATE TRIGGER collaborations_periods_update AFTER UPDATE OF status, start_on, gmv_cents, buyer_id, brand_id ON collaborations
WHEN OLD.status = 'completed' OR NEW.status = 'completed'
BEGIN
    UPDATE buyer_period_stats SET collaborations = collaborations - 1, gmv_cents = gmv_cents - OLD.gmv_cents
    WHERE OLD.status = 'completed' AND buyer_id = OLD.buyer_id
        AND days IN (SELECT days FROM stats_windows WHERE OLD.start_on BETWEEN since AND until);
    DELETE FROM buyer_period_stats WHERE OLD.status = 'completed' AND buyer_id = OLD.buyer_id AND collaborations <= 0;
    UPDATE dashboard_monthly SET gmv_cents = gmv_cents - OLD.gmv_cents
    WHERE OLD.status = 'completed' AND brand_id = OLD.brand_id AND month = substr(OLD.start_on, 1, 7);
    INSERT INTO buyer_period_stats (buyer_id, days, brand_id, collaborations, gmv_cents)
    SELECT NEW.buyer_id, w.days, NEW.brand_id, 1, NEW.gmv_cents FROM stats_windows w
    WHERE NEW.status = 'completed' AND NEW.start_on BETWEEN w.since AND w.until
    ON CONFLICT (buyer_id, days) DO UPDATE SET
        collaborations = collaborations + 1, gmv_cents = gmv_cents + excluded.gmv_cents;
    INSERT INTO dashboard_monthly (brand_id, month, gmv_cents)
    SELECT NEW.brand_id, substr(NEW.start_on, 1, 7), NEW.gmv_cents WHERE NEW.status = 'completed'
    ON CONFLICT (brand_id, month) DO UPDATE SET gmv_cents = gmv_cents + excluded.gmv_cents;
END;

ALTER TABLE buyer_labels ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE buyer_labels ADD COLUMN name TEXT NOT NULL DEFAULT '';
UPDATE buyer_labels SET status = (SELECT b.status FROM buyers b WHERE b.id = buyer_labels.buyer_id),
    name = (SELECT b.name FROM buyers b WHERE b.id = buyer_labels.buyer_id);
CREATE INDEX buyer_labels_by_name ON buyer_labels(brand_id, kind, value, status, name, buyer_id);

CREATE TRIGGER buyers_labels_sort_keys AFTER UPDATE OF name, status ON buyers
WHEN OLD.name IS NOT NEW.name OR OLD.status IS NOT NEW.status
BEGIN
    UPDATE buyer_labels SET name = NEW.name, status = NEW.status WHERE buyer_id = NEW.id;
END;

CREATE TABLE brand_stage_counts (
    brand_id INTEGER NOT NULL,
    status   TEXT NOT NULL,
    stage    TEXT NOT NULL,
    buyers   INTEGER NOT NULL,
    PRIMARY KEY (brand_id, status, stage)
) WITHOUT ROWID;
INSERT INTO brand_stage_counts (brand_id, status, stage, buyers)
SELECT brand_id, status, stage, COUNT(*) FROM buyers GROUP BY brand_id, status, stage;

CREATE TRIGGER buyers_stage_counted AFTER INSERT ON buyers
BEGIN
    INSERT INTO brand_stage_counts (brand_id, status, stage, buyers) VALUES (NEW.brand_id, NEW.status, NEW.stage, 1)
    ON CONFLICT (brand_id, status, stage) DO UPDATE SET buyers = buyers + 1;
END;
CREATE TRIGGER buyers_stage_uncounted AFTER DELETE ON buyers
BEGIN
    UPDATE brand_stage_counts SET buyers = buyers - 1
    WHERE brand_id = OLD.brand_id AND status = OLD.status AND stage = OLD.stage;
END;
CREATE TRIGGER buyers_stage_moved AFTER UPDATE OF status, stage ON buyers
WHEN OLD.status IS NOT NEW.status OR OLD.stage IS NOT NEW.stage
BEGIN
    UPDATE brand_stage_counts SET buyers = buyers - 1
    WHERE brand_id = OLD.brand_id AND status = OLD.status AND stage = OLD.stage;
    INSERT INTO brand_stage_counts (brand_id, status, stage, buyers) VALUES (NEW.brand_id, NEW.status, NEW.stage, 1)
    ON CONFLICT (brand_id, status, stage) DO UPDATE SET buyers = buyers + 1;
END;
