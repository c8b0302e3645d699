-- Two ways in that need no name: the outreach log (anonymous encounters on the street, online and at
-- hotels) and screening by asking (routine questions in health care, youth clinics, student health and
-- social services). Both belong to the organisation that did the work and are counted per month.

-- Identification by asking in social services is its own entry channel.
ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_entry_channel_check;
ALTER TABLE cases ADD CONSTRAINT cases_entry_channel_check
  CHECK (entry_channel IN ('support_line', 'anonymous_mailbox', 'outreach', 'low_threshold_service', 'youth_clinic', 'student_health',
                           'healthcare', 'police', 'migration_agency', 'civil_society', 'self_referral', 'other_municipality',
                           'social_services'));

CREATE TABLE outreach_encounters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  encounter_date date NOT NULL,
  arena text NOT NULL CHECK (arena IN ('street', 'online_ads', 'dating_site', 'sugar_dating_site', 'hotel', 'massage_parlour', 'other')),
  municipality_code text NOT NULL REFERENCES municipalities (code),
  area text CHECK (area IS NULL OR (length(area) BETWEEN 1 AND 40 AND area !~ '[0-9]')),
  languages text[] NOT NULL DEFAULT '{}',
  materials jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(materials) = 'array'),
  referral_offered boolean NOT NULL,
  referral_to text[] NOT NULL DEFAULT '{}',
  people_met integer NOT NULL CHECK (people_met BETWEEN 1 AND 200),
  note bytea,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (referral_offered = (cardinality(referral_to) > 0))
);
CREATE INDEX outreach_encounters_organisation ON outreach_encounters (organisation_id, encounter_date DESC);
CREATE INDEX outreach_encounters_author ON outreach_encounters (created_by, created_at DESC);
COMMENT ON TABLE outreach_encounters IS 'Anonymous outreach encounters: never a name, an address or anything else that identifies the people met.';
COMMENT ON COLUMN outreach_encounters.area IS 'A coarse area (a district), never an address: a spot where someone sells sex could lead an exploiter or a buyer to them.';
COMMENT ON COLUMN outreach_encounters.note IS 'Encrypted: free text can describe a person, however carefully it is written.';

ALTER TABLE outreach_encounters ENABLE ROW LEVEL SECURITY;
CREATE POLICY outreach_encounters_tenant ON outreach_encounters TO utvag_app
  USING (organisation_id = utvag_current_organisation()) WITH CHECK (organisation_id = utvag_current_organisation());

CREATE TABLE screenings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  setting text NOT NULL CHECK (setting IN ('healthcare', 'youth_clinic', 'student_health', 'social_services')),
  is_child boolean NOT NULL,
  answers bytea NOT NULL,
  indication text NOT NULL CHECK (indication IN ('no_indication', 'possible_exploitation', 'clear_indication')),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX screenings_organisation ON screenings (organisation_id, created_at DESC);
COMMENT ON COLUMN screenings.answers IS 'Encrypted: what a person told a professional about being exploited.';
COMMENT ON COLUMN screenings.indication IS 'Derived from the answers; kept in clear only so that identifications can be counted per month and channel.';

ALTER TABLE screenings ENABLE ROW LEVEL SECURITY;
CREATE POLICY screenings_tenant ON screenings TO utvag_app
  USING (organisation_id = utvag_current_organisation()) WITH CHECK (organisation_id = utvag_current_organisation());

-- The referral or report of concern sent in the same step as the answers. The receiving organisation
-- sees that it arrived, from whom, and how urgent it is; never the answers.
CREATE TABLE screening_referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  screening_id uuid NOT NULL UNIQUE REFERENCES screenings (id),
  kind text NOT NULL CHECK (kind IN ('program_referral', 'report_of_concern')),
  from_organisation_id uuid NOT NULL REFERENCES organisations (id),
  to_organisation_id uuid NOT NULL REFERENCES organisations (id),
  setting text NOT NULL CHECK (setting IN ('healthcare', 'youth_clinic', 'student_health', 'social_services')),
  is_child boolean NOT NULL,
  indication text NOT NULL CHECK (indication IN ('possible_exploitation', 'clear_indication')),
  case_id uuid REFERENCES cases (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (case_id IS NULL OR from_organisation_id = to_organisation_id)
);
CREATE INDEX screening_referrals_to ON screening_referrals (to_organisation_id, created_at DESC);
CREATE INDEX screening_referrals_from ON screening_referrals (from_organisation_id, created_at DESC);

ALTER TABLE screening_referrals ENABLE ROW LEVEL SECURITY;
CREATE POLICY screening_referrals_parties ON screening_referrals TO utvag_app
  USING (from_organisation_id = utvag_current_organisation() OR to_organisation_id = utvag_current_organisation())
  WITH CHECK (from_organisation_id = utvag_current_organisation());

GRANT SELECT, INSERT, UPDATE ON outreach_encounters TO utvag_app;
GRANT SELECT, INSERT ON screenings, screening_referrals TO utvag_app;
