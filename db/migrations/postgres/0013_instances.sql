-- Several Huoban instances on one database (docs/SCALING.md); PostgreSQL twin
-- of ../0013_instances.sql.
--
-- A user's session version is carried in every access token (claim "sv") and
-- compared with this column where the user is loaded per request; logout, a
-- password change and a role change bump it, so their tokens stop working on
-- the next request to any instance instead of after the token's 15 minutes.
ALTER TABLE users ADD COLUMN session_version BIGINT NOT NULL DEFAULT 0;

-- One row per run of a background job that did its work; these jobs run
-- under an advisory lock, so a day has one run whatever the number of
-- instances. Rows older than 90 days are removed by the job itself.
CREATE TABLE background_runs (
    id          BIGSERIAL PRIMARY KEY,
    job         TEXT COLLATE "C" NOT NULL,
    run_key     TEXT COLLATE "C" NOT NULL,
    instance    TEXT NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX background_runs_job ON background_runs(job, run_key);

-- The attempt limits every instance shares (auth.Limiter over
-- store.AttemptLimits): per key, the times of the attempts inside the
-- limit's sliding window, updated by one atomic upsert per attempt (the row
-- lock orders concurrent attempts on one key across instances). expires_at
-- is when the row says nothing any more; expired rows are swept.
CREATE TABLE attempt_limits (
    key        TEXT COLLATE "C" PRIMARY KEY,
    hits       TIMESTAMPTZ[] NOT NULL,
    allowed    BOOLEAN NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX attempt_limits_expires ON attempt_limits(expires_at);
