-- Dashboard rollups: completed collaborations per brand, day and type, kept by
-- triggers in the same transaction as every collaboration write (API, CSV
-- import, seeding alike), so the dashboard never scans collaborations.

CREATE TABLE dashboard_daily (
    brand_id       INTEGER NOT NULL,
    day            TEXT NOT NULL,
    type           TEXT NOT NULL,
    collaborations INTEGER NOT NULL DEFAULT 0,
    gmv_cents      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (brand_id, day, type)
) WITHOUT ROWID;

INSERT INTO dashboard_daily (brand_id, day, type, collaborations, gmv_cents)
SELECT brand_id, start_on, type, COUNT(*), SUM(gmv_cents) FROM collaborations
WHERE status = 'completed' GROUP BY brand_id, start_on, type;

CREATE TRIGGER collaborations_rollup_insert AFTER INSERT ON collaborations
WHEN NEW.status = 'completed'
BEGIN
    INSERT INTO dashboard_daily (brand_id, day, type, collaborations, gmv_cents)
    VALUES (NEW.brand_id, NEW.start_on, NEW.type, 1, NEW.gmv_cents)
    ON CONFLICT (brand_id, day, type) DO UPDATE SET
        collaborations = collaborations + 1, gmv_cents = gmv_cents + excluded.gmv_cents;
END;

CREATE TRIGGER collaborations_rollup_delete AFTER DELETE ON collaborations
WHEN OLD.status = 'completed'
BEGIN
    UPDATE dashboard_daily SET collaborations = collaborations - 1, gmv_cents = gmv_cents - OLD.gmv_cents
    WHERE brand_id = OLD.brand_id AND day = OLD.start_on AND type = OLD.type;
END;

CREATE TRIGGER collaborations_rollup_update AFTER UPDATE OF status, start_on, type, gmv_cents, brand_id ON collaborations
WHEN OLD.status = 'completed' OR NEW.status = 'completed'
BEGIN
    UPDATE dashboard_daily SET collaborations = collaborations - 1, gmv_cents = gmv_cents - OLD.gmv_cents
    WHERE OLD.status = 'completed' AND brand_id = OLD.brand_id AND day = OLD.start_on AND type = OLD.type;
    INSERT INTO dashboard_daily (brand_id, day, type, collaborations, gmv_cents)
    SELECT NEW.brand_id, NEW.start_on, NEW.type, 1, NEW.gmv_cents WHERE NEW.status = 'completed'
    ON CONFLICT (brand_id, day, type) DO UPDATE SET
        collaborations = collaborations + 1, gmv_cents = gmv_cents + excluded.gmv_cents;
END;

-- Top buyers of a period read completed collaborations by brand and day.
CREATE INDEX collaborations_brand_completed ON collaborations(brand_id, start_on, buyer_id, gmv_cents) WHERE status = 'completed';
