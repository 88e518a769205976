-- Security round two (issue 17).
-- The audit log names the API token that acted, when one did: its id, and its
-- name as it was then (a token deleted later still reads right in the log).
ALTER TABLE audit_log ADD COLUMN actor_token_id INTEGER;
ALTER TABLE audit_log ADD COLUMN actor_token_name TEXT NOT NULL DEFAULT '';
-- Open invites are listed per brand (team) and per buyer (portal), newest first.
CREATE INDEX invites_brand_buyer ON invites(brand_id, buyer_id, id);
