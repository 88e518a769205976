-- Security round two (issue 17); PostgreSQL twin of ../0007_security_round_two.sql.
ALTER TABLE audit_log ADD COLUMN actor_token_id BIGINT;
ALTER TABLE audit_log ADD COLUMN actor_token_name TEXT NOT NULL DEFAULT '';
CREATE INDEX invites_brand_buyer ON invites(brand_id, buyer_id, id);
