-- The read model of the hot reads (issue 11), kept on write so that a read
-- costs what its answer holds, not what the history holds.
-- PostgreSQL twin of ../0012_read_model.sql (read the comments there): the
-- SQLite triggers on collaborations share one plpgsql function here.

CREATE TABLE stats_windows (
    days  BIGINT PRIMARY KEY,
    since TEXT COLLATE "C" NOT NULL,
    until TEXT COLLATE "C" NOT NULL
);
INSERT INTO stats_windows (days, since, until)
SELECT w.days, COALESCE(to_char(s.value::date - (w.days - 1)::int, 'YYYY-MM-DD'), ''), COALESCE(s.value, '')
FROM (VALUES (7), (30), (90), (365)) AS w(days)
LEFT JOIN settings s ON s.key = 'stats_window_on';

CREATE TABLE buyer_period_stats (
    buyer_id       BIGINT NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    days           BIGINT NOT NULL,
    brand_id       BIGINT NOT NULL,
    collaborations BIGINT NOT NULL,
    gmv_cents      BIGINT NOT NULL,
    PRIMARY KEY (buyer_id, days)
);
CREATE INDEX buyer_period_stats_top ON buyer_period_stats(brand_id, days, gmv_cents DESC, buyer_id);

CREATE TABLE brand_period_stats (
    brand_id      BIGINT NOT NULL,
    days          BIGINT NOT NULL,
    active_buyers BIGINT NOT NULL,
    PRIMARY KEY (brand_id, days)
);

-- brand_period_stats counts the rows of buyer_period_stats per brand and window.
CREATE FUNCTION buyer_period_stats_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO brand_period_stats AS p (brand_id, days, active_buyers) VALUES (NEW.brand_id, NEW.days, 1)
        ON CONFLICT (brand_id, days) DO UPDATE SET active_buyers = p.active_buyers + 1;
    ELSE
        UPDATE brand_period_stats SET active_buyers = active_buyers - 1
        WHERE brand_id = OLD.brand_id AND days = OLD.days;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER buyer_period_stats_counted AFTER INSERT OR DELETE ON buyer_period_stats
FOR EACH ROW EXECUTE FUNCTION buyer_period_stats_count();

INSERT INTO buyer_period_stats (buyer_id, days, brand_id, collaborations, gmv_cents)
SELECT c.buyer_id, w.days, c.brand_id, COUNT(*), SUM(c.gmv_cents)
FROM collaborations c JOIN stats_windows w ON c.start_on BETWEEN w.since AND w.until
WHERE c.status = 'completed' GROUP BY c.buyer_id, w.days, c.brand_id;

CREATE TABLE dashboard_monthly (
    brand_id  BIGINT NOT NULL,
    month     TEXT COLLATE "C" NOT NULL,
    gmv_cents BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (brand_id, month)
);
INSERT INTO dashboard_monthly (brand_id, month, gmv_cents)
SELECT brand_id, substr(day, 1, 7), SUM(gmv_cents) FROM dashboard_daily GROUP BY brand_id, substr(day, 1, 7);

-- collaborations_periods takes the old row out of its windows and month
-- (when it was completed) and adds the new one (when it is completed).
CREATE FUNCTION collaborations_periods() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'completed' THEN
        UPDATE buyer_period_stats p SET collaborations = p.collaborations - 1, gmv_cents = p.gmv_cents - OLD.gmv_cents
        WHERE p.buyer_id = OLD.buyer_id
            AND p.days IN (SELECT w.days FROM stats_windows w WHERE OLD.start_on BETWEEN w.since AND w.until);
        DELETE FROM buyer_period_stats p WHERE p.buyer_id = OLD.buyer_id AND p.collaborations <= 0;
        UPDATE dashboard_monthly m SET gmv_cents = m.gmv_cents - OLD.gmv_cents
        WHERE m.brand_id = OLD.brand_id AND m.month = substr(OLD.start_on, 1, 7);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'completed' THEN
        INSERT INTO buyer_period_stats AS p (buyer_id, days, brand_id, collaborations, gmv_cents)
        SELECT NEW.buyer_id, w.days, NEW.brand_id, 1, NEW.gmv_cents FROM stats_windows w
        WHERE NEW.start_on BETWEEN w.since AND w.until
        ON CONFLICT (buyer_id, days) DO UPDATE SET
            collaborations = p.collaborations + 1, gmv_cents = p.gmv_cents + EXCLUDED.gmv_cents;
        INSERT INTO dashboard_monthly AS m (brand_id, month, gmv_cents)
        VALUES (NEW.brand_id, substr(NEW.start_on, 1, 7), NEW.gmv_cents)
        ON CONFLICT (brand_id, month) DO UPDATE SET gmv_cents = m.gmv_cents + EXCLUDED.gmv_cents;
    END IF;
    RETURN NULL;
END;
$$;

-- The rollup triggers are deferred to COMMIT (constraint triggers): writers
-- run concurrently here, and the rollup rows are shared (a brand's day, a
-- brand's window counter), so each transaction takes their row locks only
-- at its very end instead of holding them through its upkeep. 0004's
-- dashboard_daily triggers are re-created the same way.
CREATE CONSTRAINT TRIGGER collaborations_periods_insert AFTER INSERT ON collaborations
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.status = 'completed')
EXECUTE FUNCTION collaborations_periods();

CREATE CONSTRAINT TRIGGER collaborations_periods_delete AFTER DELETE ON collaborations
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.status = 'completed')
EXECUTE FUNCTION collaborations_periods();

CREATE CONSTRAINT TRIGGER collaborations_periods_update AFTER UPDATE OF status, start_on, gmv_cents, buyer_id, brand_id ON collaborations
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.status = 'completed' OR NEW.status = 'completed')
EXECUTE FUNCTION collaborations_periods();

DROP TRIGGER collaborations_rollup_insert ON collaborations;
DROP TRIGGER collaborations_rollup_delete ON collaborations;
DROP TRIGGER collaborations_rollup_update ON collaborations;
CREATE CONSTRAINT TRIGGER collaborations_rollup_insert AFTER INSERT ON collaborations
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.status = 'completed')
EXECUTE FUNCTION collaborations_rollup();
CREATE CONSTRAINT TRIGGER collaborations_rollup_delete AFTER DELETE ON collaborations
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.status = 'completed')
EXECUTE FUNCTION collaborations_rollup();
CREATE CONSTRAINT TRIGGER collaborations_rollup_update AFTER UPDATE OF status, start_on, type, gmv_cents, brand_id ON collaborations
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.status = 'completed' OR NEW.status = 'completed')
EXECUTE FUNCTION collaborations_rollup();

ALTER TABLE buyer_labels ADD COLUMN status TEXT COLLATE "C" NOT NULL DEFAULT 'active';
ALTER TABLE buyer_labels ADD COLUMN name TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE buyer_labels l SET status = b.status, name = b.name FROM buyers b WHERE b.id = l.buyer_id;
CREATE INDEX buyer_labels_by_name ON buyer_labels(brand_id, kind, value, status, name, buyer_id);

CREATE FUNCTION buyers_labels_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE buyer_labels SET name = NEW.name, status = NEW.status WHERE buyer_id = NEW.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER buyers_labels_sort_keys AFTER UPDATE OF name, status ON buyers
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.status IS DISTINCT FROM NEW.status)
EXECUTE FUNCTION buyers_labels_sort_keys();

CREATE TABLE brand_stage_counts (
    brand_id BIGINT NOT NULL,
    status   TEXT COLLATE "C" NOT NULL,
    stage    TEXT COLLATE "C" NOT NULL,
    buyers   BIGINT NOT NULL,
    PRIMARY KEY (brand_id, status, stage)
);
INSERT INTO brand_stage_counts (brand_id, status, stage, buyers)
SELECT brand_id, status, stage, COUNT(*) FROM buyers GROUP BY brand_id, status, stage;

-- buyers_stage_count moves a buyer between the counts of brand_stage_counts.
CREATE FUNCTION buyers_stage_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE brand_stage_counts SET buyers = buyers - 1
        WHERE brand_id = OLD.brand_id AND status = OLD.status AND stage = OLD.stage;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO brand_stage_counts AS c (brand_id, status, stage, buyers) VALUES (NEW.brand_id, NEW.status, NEW.stage, 1)
        ON CONFLICT (brand_id, status, stage) DO UPDATE SET buyers = c.buyers + 1;
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER buyers_stage_counted AFTER INSERT OR DELETE ON buyers
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION buyers_stage_count();
CREATE CONSTRAINT TRIGGER buyers_stage_moved AFTER UPDATE OF status, stage ON buyers
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.stage IS DISTINCT FROM NEW.stage)
EXECUTE FUNCTION buyers_stage_count();
