-- SIP meetings: the participant's team meets, with or without the participant, to agree on the plan.
-- Place, agenda and minutes are encrypted by the keyring before they reach the database. Support
-- persons and mentors see a meeting's time, place and attendees; the text only readers of the case.

CREATE TABLE meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  place bytea,
  agenda bytea NOT NULL,
  minutes bytea,
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
  participant_attends boolean NOT NULL,
  created_by uuid NOT NULL REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK ((status = 'held') = (minutes IS NOT NULL))
);
CREATE INDEX meetings_case ON meetings (case_id, starts_at);
COMMENT ON TABLE meetings IS 'SIP meetings (SIP-möten) of a case; seen by its team, support persons and mentors included.';
COMMENT ON COLUMN meetings.place IS 'Encrypted (context meetings.place): where the team meets can reveal where a person in hiding is.';
COMMENT ON COLUMN meetings.agenda IS 'Encrypted (context meetings.agenda): the agenda names the person''s needs, health and safety.';
COMMENT ON COLUMN meetings.minutes IS 'Encrypted (context meetings.minutes): minutes and outcomes record what was said about the person.';

CREATE TABLE meeting_attendees (
  meeting_id uuid NOT NULL REFERENCES meetings (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  user_id uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (meeting_id, user_id)
);
CREATE INDEX meeting_attendees_user ON meeting_attendees (user_id);
COMMENT ON TABLE meeting_attendees IS 'Staff invited to a meeting: always members of the case''s team or its coordinator.';

-- One personal calendar feed per user. Only the hash of the secret is kept; the address is shown once.
-- Like sessions and API tokens it is handled outside case work, so the app role has no grant on it.
CREATE TABLE calendar_feed_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE UNIQUE INDEX calendar_feed_tokens_active ON calendar_feed_tokens (user_id) WHERE revoked_at IS NULL;
COMMENT ON TABLE calendar_feed_tokens IS 'Personal calendar feeds; the token is a bearer secret for the user''s meeting times, so only its hash is stored.';
COMMENT ON COLUMN calendar_feed_tokens.token_hash IS 'SHA-256 of the feed secret; the secret itself is never stored.';

ALTER TABLE meetings ENABLE ROW LEVEL SECURITY;
CREATE POLICY meetings_tenant ON meetings TO utvag_app
  USING (utvag_case_in_tenant(case_id)) WITH CHECK (utvag_case_in_tenant(case_id));

ALTER TABLE meeting_attendees ENABLE ROW LEVEL SECURITY;
CREATE POLICY meeting_attendees_tenant ON meeting_attendees TO utvag_app
  USING (utvag_case_in_tenant(case_id)) WITH CHECK (utvag_case_in_tenant(case_id));

GRANT SELECT, INSERT, UPDATE ON meetings TO utvag_app;
GRANT SELECT, INSERT, DELETE ON meeting_attendees TO utvag_app;
