-- Keyset pages read an index in their sort's order instead of sorting the
-- filtered rows per page: a buyer's collaborations by (start_on, id) even
-- when thousands of them share a day, and goals by id for the brand, a
-- status or a buyer.
DROP INDEX collaborations_buyer;
CREATE INDEX collaborations_buyer ON collaborations(brand_id, buyer_id, start_on, id, status, gmv_cents);
CREATE INDEX goals_brand_id ON goals(brand_id, id);
CREATE INDEX goals_brand_status_id ON goals(brand_id, status, id);
CREATE INDEX goals_buyer_id ON goals(buyer_id, id);
