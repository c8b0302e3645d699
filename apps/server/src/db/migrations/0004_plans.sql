-- The individual plan (SIP): versions drafted, agreed with the participant, then superseded by the next
-- agreed version. Every version is kept; nothing is deleted (retention aside).
CREATE TABLE plan_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  number integer NOT NULL CHECK (number > 0),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'agreed', 'superseded')),
  content bytea NOT NULL,
  follow_up_on date,
  agreed_on date,
  agreement_form text CHECK (agreement_form IN ('in_meeting', 'in_writing', 'orally', 'digitally')),
  agreed_by uuid REFERENCES users (id),
  created_by uuid NOT NULL REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  superseded_at timestamptz,
  UNIQUE (case_id, number),
  CHECK (status = 'draft' OR (agreed_on IS NOT NULL AND agreement_form IS NOT NULL AND agreed_by IS NOT NULL)),
  CHECK ((status = 'superseded') = (superseded_at IS NOT NULL))
);
-- One draft and one agreed version per case at a time.
CREATE UNIQUE INDEX plan_versions_one_draft ON plan_versions (case_id) WHERE status = 'draft';
CREATE UNIQUE INDEX plan_versions_one_agreed ON plan_versions (case_id) WHERE status = 'agreed';
-- Work lists: plans whose follow-up is due.
CREATE INDEX plan_versions_follow_up ON plan_versions (follow_up_on) WHERE status IN ('draft', 'agreed');

COMMENT ON TABLE plan_versions IS 'Versions of a participant''s individual plan; read through the access context, filtered by consent per life area.';
COMMENT ON COLUMN plan_versions.content IS 'Encrypted JSON: goals in the participant''s own words and the actions around them describe their life (health, debt, residence …).';
COMMENT ON COLUMN plan_versions.follow_up_on IS 'In clear for work lists: a date only, never text.';

-- An agreed version is what the participant agreed to: its content and agreement never change, and a
-- version only moves forward (draft → agreed → superseded).
CREATE FUNCTION utvag_plan_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.case_id <> OLD.case_id OR NEW.number <> OLD.number OR NEW.created_by <> OLD.created_by THEN
    RAISE EXCEPTION 'a plan version keeps its case, number and author' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status <> 'draft' AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.follow_up_on IS DISTINCT FROM OLD.follow_up_on
      OR NEW.agreed_on IS DISTINCT FROM OLD.agreed_on OR NEW.agreement_form IS DISTINCT FROM OLD.agreement_form
      OR NEW.agreed_by IS DISTINCT FROM OLD.agreed_by) THEN
    RAISE EXCEPTION 'an agreed plan version is immutable' USING ERRCODE = 'check_violation';
  END IF;
  IF (OLD.status = 'agreed' AND NEW.status NOT IN ('agreed', 'superseded'))
      OR (OLD.status = 'superseded' AND NEW.status <> 'superseded') THEN
    RAISE EXCEPTION 'a plan version cannot go back to %', NEW.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER plan_versions_guard BEFORE UPDATE ON plan_versions FOR EACH ROW EXECUTE FUNCTION utvag_plan_version_guard();

ALTER TABLE plan_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY plan_versions_tenant ON plan_versions TO utvag_app
  USING (utvag_case_in_tenant(case_id)) WITH CHECK (utvag_case_in_tenant(case_id));

GRANT SELECT, INSERT, UPDATE ON plan_versions TO utvag_app;
