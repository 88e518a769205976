-- Dashboard rollups: completed collaborations per brand, day and type, kept by
-- triggers in the same transaction as every collaboration write (API, CSV
-- import, seeding alike), so the dashboard never scans collaborations.
-- PostgreSQL twin of ../0004_dashboard.sql: the three SQLite triggers share
-- one plpgsql function here.

CREATE TABLE dashboard_daily (
    brand_id       BIGINT NOT NULL,
    day            TEXT COLLATE "C" NOT NULL,
    type           TEXT COLLATE "C" NOT NULL,
    collaborations BIGINT NOT NULL DEFAULT 0,
    gmv_cents      BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (brand_id, day, type)
);

INSERT INTO dashboard_daily (brand_id, day, type, collaborations, gmv_cents)
SELECT brand_id, start_on, type, COUNT(*), SUM(gmv_cents) FROM collaborations
WHERE status = 'completed' GROUP BY brand_id, start_on, type;

-- collaborations_rollup takes the old row out of its day (when it was
-- completed) and adds the new one (when it is completed).
CREATE FUNCTION collaborations_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'completed' THEN
        UPDATE dashboard_daily d SET collaborations = d.collaborations - 1, gmv_cents = d.gmv_cents - OLD.gmv_cents
        WHERE d.brand_id = OLD.brand_id AND d.day = OLD.start_on AND d.type = OLD.type;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'completed' THEN
        INSERT INTO dashboard_daily AS d (brand_id, day, type, collaborations, gmv_cents)
        VALUES (NEW.brand_id, NEW.start_on, NEW.type, 1, NEW.gmv_cents)
        ON CONFLICT (brand_id, day, type) DO UPDATE SET
            collaborations = d.collaborations + 1, gmv_cents = d.gmv_cents + EXCLUDED.gmv_cents;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER collaborations_rollup_insert AFTER INSERT ON collaborations
FOR EACH ROW WHEN (NEW.status = 'completed')
EXECUTE FUNCTION collaborations_rollup();

CREATE TRIGGER collaborations_rollup_delete AFTER DELETE ON collaborations
FOR EACH ROW WHEN (OLD.status = 'completed')
EXECUTE FUNCTION collaborations_rollup();

CREATE TRIGGER collaborations_rollup_update AFTER UPDATE OF status, start_on, type, gmv_cents, brand_id ON collaborations
FOR EACH ROW WHEN (OLD.status = 'completed' OR NEW.status = 'completed')
EXECUTE FUNCTION collaborations_rollup();

-- Top buyers of a period read completed collaborations by brand and day.
CREATE INDEX collaborations_brand_completed ON collaborations(brand_id, start_on, buyer_id, gmv_cents) WHERE status = 'completed';
