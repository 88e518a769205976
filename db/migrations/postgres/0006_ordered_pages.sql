-- Keyset pages read an index in their sort's order instead of sorting the
-- filtered rows per page (PostgreSQL twin of ../0006_ordered_pages.sql; its
-- collaborations_buyer serves the stats, so the page order gets its own index).
CREATE INDEX collaborations_buyer_start ON collaborations(brand_id, buyer_id, start_on, id);
CREATE INDEX goals_brand_id ON goals(brand_id, id);
CREATE INDEX goals_brand_status_id ON goals(brand_id, status, id);
CREATE INDEX goals_buyer_id ON goals(buyer_id, id);
