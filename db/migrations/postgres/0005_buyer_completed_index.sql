-- A buyer's completed collaborations, in date order, covering what every
-- collaboration write reads back for that buyer: stats, milestones, goal
-- progress and health. Without it those reads scan the brand's collaborations.
CREATE INDEX collaborations_buyer_completed
    ON collaborations(buyer_id, start_on, id, type, gmv_cents, orders) WHERE status = 'completed';
