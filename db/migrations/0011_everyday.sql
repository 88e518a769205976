-- Everyday use (#16).
-- An automatic milestone can lose the collaboration that earned it (deleted,
-- or no longer completed) while no other qualifies: it stays reached, with a
-- note whose code clients render in their own language.
ALTER TABLE milestones ADD COLUMN note_code TEXT NOT NULL DEFAULT '';
-- A buyer with no completed collaboration yet is new, not dormant.
UPDATE buyers SET health_label = 'new' WHERE stat_collaborations = 0;
