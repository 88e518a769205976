-- PostgreSQL twin of ../0010_products_calendar.sql: products and the selection pool,
-- collaboration items, reviews (复盘) and the livestream calendar (排期): issue 15.

CREATE TABLE products (
    id          BIGSERIAL PRIMARY KEY,
    brand_id    BIGINT NOT NULL REFERENCES brands(id),
    name        TEXT NOT NULL,
    sku         TEXT COLLATE "C" NOT NULL,
    category    TEXT NOT NULL DEFAULT '',
    price_cents BIGINT NOT NULL DEFAULT 0,
    circles     TEXT NOT NULL DEFAULT '[]',
    image_url   TEXT NOT NULL DEFAULT '',
    status      TEXT COLLATE "C" NOT NULL DEFAULT 'active' CHECK (status IN ('active','retired')),
    in_pool     INTEGER NOT NULL DEFAULT 0,
    pool_note   TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
-- The SKU is unique within a brand (409 on a clash).
CREATE UNIQUE INDEX products_brand_sku ON products(brand_id, sku);
CREATE INDEX products_brand_id ON products(brand_id, id);
-- The pool a buyer sees in the portal, and the dashboard's unpicked pool products.
CREATE INDEX products_pool ON products(brand_id, id) WHERE in_pool = 1 AND status = 'active';

-- Which catalogue products a collaboration sold. Each row carries its
-- collaboration's buyer, status and day, and its share of the collaboration's
-- refunds and costs, kept on every collaboration write, so a product's
-- performance is one index range, never a read of the collaborations.
CREATE TABLE collaboration_items (
    id               BIGSERIAL PRIMARY KEY,
    brand_id         BIGINT NOT NULL REFERENCES brands(id),
    collaboration_id BIGINT NOT NULL REFERENCES collaborations(id) ON DELETE CASCADE,
    product_id       BIGINT NOT NULL REFERENCES products(id),
    buyer_id         BIGINT NOT NULL,
    status           TEXT COLLATE "C" NOT NULL,
    start_on         TEXT COLLATE "C" NOT NULL,
    units            BIGINT NOT NULL DEFAULT 0,
    gmv_cents        BIGINT NOT NULL DEFAULT 0,
    net_gmv_cents    BIGINT NOT NULL DEFAULT 0,   -- gmv less its share of the refunds
    cost_cents       BIGINT NOT NULL DEFAULT 0    -- its share of slot fee, samples and commission
);
CREATE INDEX collaboration_items_collab ON collaboration_items(collaboration_id, id);
-- Product performance: one range per (brand, product), covering.
CREATE INDEX collaboration_items_product ON collaboration_items(brand_id, product_id, status, buyer_id,
    units, gmv_cents, net_gmv_cents, cost_cents, start_on, collaboration_id);
-- How a buyer's selections sold later, and matching by similar products.
CREATE INDEX collaboration_items_buyer ON collaboration_items(brand_id, buyer_id, product_id, status);

-- The selection log: who decided what about which product, and why.
CREATE TABLE selections (
    id         BIGSERIAL PRIMARY KEY,
    brand_id   BIGINT NOT NULL REFERENCES brands(id),
    buyer_id   BIGINT NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    product_id BIGINT NOT NULL REFERENCES products(id),
    decision   TEXT COLLATE "C" NOT NULL CHECK (decision IN ('picked','declined','trial','interested')),
    reason     TEXT NOT NULL DEFAULT '',
    by_side    TEXT COLLATE "C" NOT NULL CHECK (by_side IN ('brand','buyer')),
    by_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    decided_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX selections_buyer ON selections(buyer_id, id);
-- The newest decision about a product for a buyer (is an interest answered?).
CREATE INDEX selections_buyer_product ON selections(buyer_id, product_id, id);
CREATE INDEX selections_product ON selections(brand_id, product_id, decision);
-- Buyers waiting for an answer: interest shown, newest per buyer and product.
CREATE INDEX selections_interested ON selections(brand_id, id) WHERE decision = 'interested';

-- Reviews (复盘): one per collaboration.
CREATE TABLE reviews (
    id               BIGSERIAL PRIMARY KEY,
    brand_id         BIGINT NOT NULL REFERENCES brands(id),
    collaboration_id BIGINT NOT NULL REFERENCES collaborations(id) ON DELETE CASCADE,
    buyer_id         BIGINT NOT NULL,
    went_well        TEXT NOT NULL DEFAULT '',
    to_improve       TEXT NOT NULL DEFAULT '',
    internal_notes   TEXT NOT NULL DEFAULT '',
    shared           INTEGER NOT NULL DEFAULT 0,
    created_by       BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX reviews_collaboration ON reviews(collaboration_id);
CREATE INDEX reviews_buyer ON reviews(brand_id, buyer_id, id);

-- A review's next actions; a brand-side one with a due day is also a
-- follow-up (activity_id), a buyer-side one an open item in the portal.
CREATE TABLE review_actions (
    id          BIGSERIAL PRIMARY KEY,
    review_id   BIGINT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    brand_id    BIGINT NOT NULL REFERENCES brands(id),
    buyer_id    BIGINT NOT NULL,
    text        TEXT NOT NULL,
    side        TEXT COLLATE "C" NOT NULL CHECK (side IN ('brand','buyer')),
    due_on      TEXT COLLATE "C",
    done        INTEGER NOT NULL DEFAULT 0,
    activity_id BIGINT REFERENCES activities(id) ON DELETE SET NULL
);
CREATE INDEX review_actions_review ON review_actions(review_id, id);
CREATE INDEX review_actions_buyer_open ON review_actions(buyer_id, due_on) WHERE side = 'buyer' AND done = 0;

-- The calendar: a session's start time and length.
ALTER TABLE collaborations ADD COLUMN starts_at TIMESTAMPTZ;
ALTER TABLE collaborations ADD COLUMN duration_minutes BIGINT;
-- Overlap checks read a buyer's timed sessions around a time.
CREATE INDEX collaborations_sessions ON collaborations(buyer_id, starts_at) WHERE starts_at IS NOT NULL;

-- Per-user calendar feed keys: only a hash is kept; a new key replaces the old.
CREATE TABLE calendar_keys (
    user_id    BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    brand_id   BIGINT NOT NULL REFERENCES brands(id),
    key_hash   TEXT COLLATE "C" NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX calendar_keys_hash ON calendar_keys(key_hash);
