-- A meeting outcome may be taken up as an action under a goal the plan already has, not only as a new
-- goal: `action_id` names that action (inside the encrypted plan content, like `goal_id`, not a foreign key).
ALTER TABLE meeting_outcome_dispositions ADD COLUMN action_id uuid;
ALTER TABLE meeting_outcome_dispositions ADD CONSTRAINT meeting_outcome_dispositions_action_under_goal CHECK (action_id IS NULL OR goal_id IS NOT NULL);
