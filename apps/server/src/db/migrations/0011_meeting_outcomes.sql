-- What became of a meeting outcome marked as a plan change: taken up by a plan version (as one of its
-- goals) or dismissed with a reason. An outcome without a row here is pending. Minutes never change once
-- a meeting is held, so an outcome is named by its place in the minutes.
CREATE TABLE meeting_outcome_dispositions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  meeting_id uuid NOT NULL REFERENCES meetings (id),
  outcome_index integer NOT NULL CHECK (outcome_index >= 0),
  plan_version_id uuid REFERENCES plan_versions (id),
  goal_id uuid,
  dismissed_reason bytea,
  decided_by uuid NOT NULL REFERENCES users (id),
  decided_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, outcome_index),
  CHECK ((plan_version_id IS NULL) <> (dismissed_reason IS NULL)),
  CHECK ((plan_version_id IS NULL) = (goal_id IS NULL))
);
CREATE INDEX meeting_outcome_dispositions_case ON meeting_outcome_dispositions (case_id);
CREATE INDEX meeting_outcome_dispositions_plan_version ON meeting_outcome_dispositions (plan_version_id) WHERE plan_version_id IS NOT NULL;
COMMENT ON TABLE meeting_outcome_dispositions IS 'Meeting outcomes carried into a plan version or dismissed; read like the plan, by those who see the whole plan and the minutes.';
COMMENT ON COLUMN meeting_outcome_dispositions.dismissed_reason IS 'Encrypted (context meetings.outcome_dismissal): why an outcome about the person''s life did not change the plan.';

-- Only a draft lets go of an outcome it took up (when its goal is removed); what an agreed version took up stays recorded.
CREATE FUNCTION utvag_outcome_disposition_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.plan_version_id IS NULL
      OR (SELECT status FROM plan_versions WHERE id = OLD.plan_version_id) IS DISTINCT FROM 'draft' THEN
    RAISE EXCEPTION 'only a draft lets go of a meeting outcome' USING ERRCODE = 'check_violation';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER meeting_outcome_dispositions_guard BEFORE DELETE ON meeting_outcome_dispositions
  FOR EACH ROW EXECUTE FUNCTION utvag_outcome_disposition_guard();

ALTER TABLE meeting_outcome_dispositions ENABLE ROW LEVEL SECURITY;
CREATE POLICY meeting_outcome_dispositions_tenant ON meeting_outcome_dispositions TO utvag_app
  USING (utvag_case_in_tenant(case_id)) WITH CHECK (utvag_case_in_tenant(case_id));

GRANT SELECT, INSERT, DELETE ON meeting_outcome_dispositions TO utvag_app;
