-- The public service directory ("Find help near you"): services that organisations in Utväg publish
-- for the municipalities they serve. Nothing here is about a person, so nothing is encrypted; every
-- change is still audited so that what the public site said, and who changed it, can be traced.

CREATE TABLE directory_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  kind text NOT NULL CHECK (kind IN ('social_services', 'specialised_clinic', 'youth_clinic', 'health_care', 'civil_society', 'support_line')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description jsonb NOT NULL CHECK (jsonb_typeof(description) = 'object' AND description ? 'sv'),
  phone text,
  email text,
  web_address text CHECK (web_address IS NULL OR web_address ~* '^https?://'),
  street_address text,
  protected_location boolean NOT NULL DEFAULT false,
  opening_hours jsonb NOT NULL,
  languages text[] NOT NULL CHECK (cardinality(languages) > 0),
  free boolean NOT NULL,
  anonymous boolean NOT NULL,
  for_children boolean NOT NULL,
  for_adults boolean NOT NULL,
  coverage_scope text NOT NULL CHECK (coverage_scope IN ('own_area', 'national', 'selected')),
  coverage_national boolean NOT NULL,
  coverage_municipality_codes text[] NOT NULL DEFAULT '{}',
  coverage_county_codes text[] NOT NULL DEFAULT '{}',
  published boolean NOT NULL DEFAULT false,
  created_by uuid NOT NULL REFERENCES users (id),
  updated_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (NOT (protected_location AND street_address IS NOT NULL)),
  CHECK (coverage_national OR cardinality(coverage_municipality_codes) + cardinality(coverage_county_codes) > 0)
);
CREATE INDEX directory_entries_organisation ON directory_entries (organisation_id, name);
CREATE INDEX directory_entries_published ON directory_entries (published) WHERE published;
COMMENT ON TABLE directory_entries IS 'Services published on the public site per municipality; not personal data, changes audited.';
COMMENT ON COLUMN directory_entries.street_address IS 'Never stored for a protected service (a shelter): its address could lead someone to the people it hides.';
COMMENT ON COLUMN directory_entries.coverage_county_codes IS 'Counties served: a region''s entry serves every municipality of its county.';

ALTER TABLE directory_entries ENABLE ROW LEVEL SECURITY;
-- Staff change only their own organisation's entries.
CREATE POLICY directory_entries_tenant ON directory_entries TO utvag_app
  USING (organisation_id = utvag_current_organisation()) WITH CHECK (organisation_id = utvag_current_organisation());
-- Published entries are public: the public site reads them as the app role with no organisation set.
CREATE POLICY directory_entries_published ON directory_entries FOR SELECT TO utvag_app USING (published);

GRANT SELECT, INSERT, UPDATE, DELETE ON directory_entries TO utvag_app;
