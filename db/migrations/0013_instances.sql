-- Several Huoban instances on one database (docs/SCALING.md).
--
-- A user's session version is carried in every access token (claim "sv") and
-- compared with this column where the user is loaded per request; logout, a
-- password change and a role change bump it, so their tokens stop working on
-- the next request to any instance instead of after the token's 15 minutes.
ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0;

-- One row per run of a background job that did its work (the daily health
-- refresh, ...): which instance ran it, for what (the day), and when. On
-- PostgreSQL these jobs run under an advisory lock, so a day has one run
-- whatever the number of instances. Rows older than 90 days are removed by
-- the job itself.
CREATE TABLE background_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    job         TEXT NOT NULL,
    run_key     TEXT NOT NULL,
    instance    TEXT NOT NULL,
    started_at  DATETIME NOT NULL,
    finished_at DATETIME NOT NULL
);
CREATE INDEX background_runs_job ON background_runs(job, run_key);

-- The attempt limits (auth.Limiter) stay in the process on SQLite, its only
-- writer; PostgreSQL keeps them in a table all instances share (attempt_limits
-- in postgres/0013_instances.sql).
