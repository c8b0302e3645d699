-- The case course: how the person came in (entry channel), and every change of a case's status,
-- kept for good, so that a pause, a re-entry or a reopened case never loses its history.

ALTER TABLE cases ADD COLUMN entry_channel text
  CHECK (entry_channel IN ('support_line', 'anonymous_mailbox', 'outreach', 'low_threshold_service', 'youth_clinic', 'student_health',
                           'healthcare', 'police', 'migration_agency', 'civil_society', 'self_referral', 'other_municipality'));
COMMENT ON COLUMN cases.entry_channel IS 'How the person first made contact; NULL for cases opened before it was recorded. Reveals a contact with police or healthcare, so it is read only through the case.';

CREATE TABLE case_status_changes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  from_status text NOT NULL CHECK (from_status IN ('contact', 'assessment', 'planning', 'active', 'follow_up', 'paused', 'closed')),
  to_status text NOT NULL CHECK (to_status IN ('contact', 'assessment', 'planning', 'active', 'follow_up', 'paused', 'closed')),
  reason bytea,
  closing_reason text CHECK (closing_reason IN ('goals_reached', 'moved', 'declined_further_support', 'no_contact', 'deceased', 'other')),
  check_in_on date,
  changed_by uuid NOT NULL REFERENCES users (id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  CHECK (from_status <> to_status),
  CHECK ((to_status = 'closed') = (closing_reason IS NOT NULL)),
  CHECK ((to_status = 'paused') = (check_in_on IS NOT NULL))
);
CREATE INDEX case_status_changes_case ON case_status_changes (case_id, changed_at DESC);
COMMENT ON TABLE case_status_changes IS 'Every transition of a case''s course; append-only for the app role (no UPDATE or DELETE granted).';
COMMENT ON COLUMN case_status_changes.reason IS 'Encrypted (AES-256-GCM envelope): a reason for a pause or a closing may describe the participant''s situation.';
COMMENT ON COLUMN case_status_changes.closing_reason IS 'Why the case was closed; "deceased" and "moved" are sensitive facts about the participant.';

ALTER TABLE case_status_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_status_changes_tenant ON case_status_changes TO utvag_app
  USING (utvag_case_in_tenant(case_id)) WITH CHECK (utvag_case_in_tenant(case_id));

GRANT SELECT, INSERT ON case_status_changes TO utvag_app;
