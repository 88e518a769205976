-- Foundation: settings, brands, users, tokens, invites, buyers, stage history, audit.
-- PostgreSQL twin of ../0001_foundation.sql: same tables, columns and indexes.
-- Integers are BIGINT (SQLite's INTEGER is 64-bit), DATETIME is TIMESTAMPTZ,
-- calendar dates stay TEXT ('YYYY-MM-DD') so comparisons and keyset cursors
-- behave as on SQLite; sortable text uses the "C" collation, SQLite's binary order.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE brands (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    brand_id      BIGINT REFERENCES brands(id),
    email         TEXT NOT NULL,            -- stored lower-cased
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('owner','manager','analyst','buyer')),
    locale        TEXT NOT NULL DEFAULT 'zh-CN',
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX users_email ON users(email);
CREATE INDEX users_brand ON users(brand_id, id);

CREATE TABLE refresh_tokens (
    id         BIGSERIAL PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    family     TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX refresh_tokens_hash ON refresh_tokens(token_hash);
CREATE INDEX refresh_tokens_family ON refresh_tokens(family);
CREATE INDEX refresh_tokens_user ON refresh_tokens(user_id);

CREATE TABLE buyers (
    id                    BIGSERIAL PRIMARY KEY,
    brand_id              BIGINT NOT NULL REFERENCES brands(id),
    name                  TEXT COLLATE "C" NOT NULL,
    xhs_id                TEXT,
    avatar_url            TEXT NOT NULL DEFAULT '',
    city                  TEXT NOT NULL DEFAULT '',
    followers             BIGINT NOT NULL DEFAULT 0,
    interest_circles      TEXT NOT NULL DEFAULT '[]',
    categories            TEXT NOT NULL DEFAULT '[]',
    tags                  TEXT NOT NULL DEFAULT '[]',
    stage                 TEXT COLLATE "C" NOT NULL,
    status                TEXT NOT NULL DEFAULT 'active',
    owner_id              BIGINT REFERENCES users(id) ON DELETE SET NULL,
    commission_bp         BIGINT NOT NULL DEFAULT 0,   -- hundredths of a percent
    contact_wechat        TEXT NOT NULL DEFAULT '',
    contact_phone         TEXT NOT NULL DEFAULT '',
    contact_email         TEXT NOT NULL DEFAULT '',
    notes                 TEXT NOT NULL DEFAULT '',
    stat_collaborations   BIGINT NOT NULL DEFAULT 0,
    gmv_cents_total       BIGINT NOT NULL DEFAULT 0,
    gmv_cents_90d         BIGINT NOT NULL DEFAULT 0,
    last_collaboration_on TEXT COLLATE "C",
    health_score          BIGINT NOT NULL DEFAULT 0,
    health_label          TEXT NOT NULL DEFAULT 'dormant',
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX buyers_xhs ON buyers(brand_id, xhs_id) WHERE xhs_id IS NOT NULL;
-- One index per list sort, each led by the tenant and the status filter.
-- NULLs sort first ascending (and last descending), as on SQLite.
CREATE INDEX buyers_by_name      ON buyers(brand_id, status, name, id);
CREATE INDEX buyers_by_created   ON buyers(brand_id, status, created_at, id);
CREATE INDEX buyers_by_followers ON buyers(brand_id, status, followers, id);
CREATE INDEX buyers_by_gmv90     ON buyers(brand_id, status, gmv_cents_90d, id);
CREATE INDEX buyers_by_last      ON buyers(brand_id, status, last_collaboration_on NULLS FIRST, id);
CREATE INDEX buyers_by_health    ON buyers(brand_id, status, health_score, id);
CREATE INDEX buyers_by_stage     ON buyers(brand_id, status, stage, id);
CREATE INDEX buyers_by_owner     ON buyers(brand_id, owner_id);

-- Interest circles, categories and tags, one row each, so filters use an index.
CREATE TABLE buyer_labels (
    buyer_id BIGINT NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    brand_id BIGINT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('circle','category','tag')),
    value    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (brand_id, kind, value, buyer_id)
);
CREATE INDEX buyer_labels_buyer ON buyer_labels(buyer_id);

CREATE TABLE stage_changes (
    id         BIGSERIAL PRIMARY KEY,
    brand_id   BIGINT NOT NULL REFERENCES brands(id),
    buyer_id   BIGINT NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    from_stage TEXT NOT NULL,
    to_stage   TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    by_user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX stage_changes_buyer ON stage_changes(buyer_id, id);

CREATE TABLE invites (
    id         BIGSERIAL PRIMARY KEY,
    brand_id   BIGINT NOT NULL REFERENCES brands(id),
    code_hash  TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('manager','analyst','buyer')),
    email      TEXT NOT NULL DEFAULT '',
    buyer_id   BIGINT REFERENCES buyers(id) ON DELETE CASCADE,
    created_by BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    used_by    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX invites_code ON invites(code_hash);

CREATE TABLE audit_log (
    id        BIGSERIAL PRIMARY KEY,
    brand_id  BIGINT NOT NULL REFERENCES brands(id),
    actor_id  BIGINT,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    changes   TEXT NOT NULL DEFAULT '{}',
    at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_log_brand ON audit_log(brand_id, id);
CREATE INDEX audit_log_entity ON audit_log(brand_id, entity, entity_id, id);

-- A buyer user's link to a buyer record of a brand (one per brand partnership).
CREATE TABLE buyer_links (
    user_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    buyer_id BIGINT NOT NULL REFERENCES buyers(id) ON DELETE CASCADE,
    brand_id BIGINT NOT NULL REFERENCES brands(id),
    since    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, buyer_id)
);
CREATE UNIQUE INDEX buyer_links_buyer ON buyer_links(buyer_id);

CREATE TABLE api_tokens (
    id           BIGSERIAL PRIMARY KEY,
    brand_id     BIGINT NOT NULL REFERENCES brands(id),
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    scope        TEXT NOT NULL CHECK (scope IN ('read','write')),
    prefix       TEXT NOT NULL,
    token_hash   TEXT NOT NULL,
    last_used_at TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens(token_hash);
CREATE INDEX api_tokens_brand ON api_tokens(brand_id, id);
