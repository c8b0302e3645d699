-- Core of Utväg: organisations, people and login, the first slice of the case domain,
-- encryption keys, the audit log, and the settings that row-level security reads.


-- The application runs as this role (SET LOCAL ROLE inside each request's transaction); the
-- migrating role owns the tables. Roles are global to the cluster, so creation tolerates a race.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'utvag_app') THEN
    CREATE ROLE utvag_app NOLOGIN NOINHERIT;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'utvag_app', 'MEMBER') THEN
    EXECUTE format('GRANT utvag_app TO %I', current_user);
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

-- The organisation of the current request; NULL (no rows visible) when the request set none.
CREATE FUNCTION utvag_current_organisation() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('utvag.organisation_id', true), '')::uuid $$;

CREATE TABLE counties (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
  name text NOT NULL,
  region_name text NOT NULL
);

CREATE TABLE municipalities (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
  name text NOT NULL,
  county_code text NOT NULL REFERENCES counties (code)
);

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type text NOT NULL CHECK (type IN ('municipality', 'region', 'civil_society', 'national_agency', 'county_board', 'collaboration')),
  name text NOT NULL,
  municipality_code text REFERENCES municipalities (code),
  county_code text REFERENCES counties (code),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (type <> 'municipality' OR municipality_code IS NOT NULL),
  CHECK (type NOT IN ('region', 'county_board') OR county_code IS NOT NULL)
);
CREATE UNIQUE INDEX organisations_municipality ON organisations (municipality_code) WHERE type = 'municipality';

CREATE TABLE collaboration_members (
  collaboration_id uuid NOT NULL REFERENCES organisations (id),
  municipality_code text NOT NULL REFERENCES municipalities (code),
  PRIMARY KEY (collaboration_id, municipality_code)
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  email text NOT NULL,
  name text NOT NULL,
  title text,
  roles text[] NOT NULL CHECK (cardinality(roles) > 0),
  password_hash text NOT NULL,
  totp_secret bytea,
  totp_pending_secret bytea,
  totp_last_step bigint,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE INDEX users_organisation ON users (organisation_id);
COMMENT ON COLUMN users.totp_secret IS 'Second-factor secret, encrypted with the keyring: whoever has it can pass as the user.';
COMMENT ON COLUMN users.password_hash IS 'argon2id hash; never logged.';

CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  csrf_token text NOT NULL,
  second_factor_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);
COMMENT ON COLUMN sessions.id IS 'SHA-256 of the session cookie; the cookie itself is never stored.';

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  token_hash text NOT NULL UNIQUE,
  label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz
);
COMMENT ON COLUMN api_tokens.token_hash IS 'SHA-256 of the bearer token; the token is shown once at creation.';

-- Fixed-window counters for login throttling; kept in the database so that every instance shares them.
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  window_started_at timestamptz NOT NULL,
  hits integer NOT NULL
);

CREATE TABLE encryption_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  purpose text NOT NULL CHECK (purpose IN ('data', 'blind_index', 'audit_chain')),
  wrapped_key bytea NOT NULL,
  master_key_id text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX encryption_keys_one_active ON encryption_keys (purpose) WHERE active;
COMMENT ON TABLE encryption_keys IS 'Data keys, each wrapped (AES-256-GCM) by the master key from the environment; useless without it.';

CREATE TABLE participants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_organisation_id uuid NOT NULL REFERENCES organisations (id),
  alias text NOT NULL,
  identity_data bytea,
  contact_data bytea,
  identity_number_index text,
  languages text[] NOT NULL DEFAULT '{}',
  interpreter_needed boolean NOT NULL DEFAULT false,
  interpreter_language text,
  protected_identity text NOT NULL DEFAULT 'none'
    CHECK (protected_identity IN ('none', 'confidentiality_marking', 'protected_registration', 'assumed_identity')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX participants_identity_number_index ON participants (identity_number_index);
COMMENT ON COLUMN participants.identity_data IS 'Names and personnummer, encrypted (AES-256-GCM envelope): they identify a person at risk.';
COMMENT ON COLUMN participants.contact_data IS 'Phone, e-mail and address, encrypted: they can lead an exploiter to a person who fled.';
COMMENT ON COLUMN participants.identity_number_index IS 'HMAC blind index of the personnummer, for exact look-up without decrypting.';

CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  program text NOT NULL CHECK (program IN ('exit_program', 'child_program')),
  status text NOT NULL DEFAULT 'contact'
    CHECK (status IN ('contact', 'assessment', 'planning', 'active', 'follow_up', 'paused', 'closed')),
  owner_organisation_id uuid NOT NULL REFERENCES organisations (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  coordinator_user_id uuid REFERENCES users (id),
  created_by uuid NOT NULL REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_owner ON cases (owner_organisation_id, updated_at DESC);
CREATE INDEX cases_coordinator ON cases (coordinator_user_id);
CREATE INDEX cases_participant ON cases (participant_id);

CREATE TABLE case_team_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  user_id uuid NOT NULL REFERENCES users (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  team_role text NOT NULL CHECK (team_role IN ('coordinator', 'team_member', 'support_person', 'mentor')),
  added_by uuid NOT NULL REFERENCES users (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  removed_by uuid REFERENCES users (id),
  removed_at timestamptz
);
CREATE UNIQUE INDEX case_team_members_current ON case_team_members (case_id, user_id) WHERE removed_at IS NULL;
CREATE INDEX case_team_members_user ON case_team_members (user_id) WHERE removed_at IS NULL;
CREATE INDEX case_team_members_organisation ON case_team_members (organisation_id, case_id) WHERE removed_at IS NULL;

CREATE TABLE consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  recipient_organisation_id uuid NOT NULL REFERENCES organisations (id),
  categories text[] NOT NULL CHECK (cardinality(categories) > 0),
  excluded_categories text[] NOT NULL DEFAULT '{}',
  purposes text[] NOT NULL CHECK (cardinality(purposes) > 0),
  form text NOT NULL CHECK (form IN ('written', 'oral', 'digital')),
  given_on date NOT NULL,
  valid_from date NOT NULL,
  valid_until date,
  withdrawn_at timestamptz,
  withdrawn_by uuid REFERENCES users (id),
  recorded_by uuid NOT NULL REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX consents_case ON consents (case_id);

CREATE TABLE emergency_access_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  user_id uuid NOT NULL REFERENCES users (id),
  reason bytea NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX emergency_access_grants_user ON emergency_access_grants (user_id, case_id, expires_at);
COMMENT ON COLUMN emergency_access_grants.reason IS 'Encrypted: the reason may describe the participant''s situation.';

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  kind text NOT NULL,
  case_id uuid REFERENCES cases (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);

-- A retried create finds the resource made the first time; the answer is read again through the
-- access rules, so no response (and no personal data) is ever stored here.
CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL REFERENCES users (id),
  key text NOT NULL,
  request_hash text NOT NULL,
  resource_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);

-- The audit log: append-only, partitioned by month, hash-chained by the sealing job (chain_seq, hash).
CREATE TABLE audit_events (
  id bigint GENERATED ALWAYS AS IDENTITY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  request_id text,
  actor_user_id uuid,
  organisation_id uuid,
  role text,
  action text NOT NULL,
  case_id uuid,
  participant_id uuid,
  purpose text,
  emergency boolean NOT NULL DEFAULT false,
  details jsonb NOT NULL DEFAULT '{}',
  chain_seq bigint,
  prev_hash text,
  hash text,
  PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE TABLE audit_events_default PARTITION OF audit_events DEFAULT;
CREATE INDEX audit_events_case ON audit_events (case_id, occurred_at DESC);
CREATE INDEX audit_events_unsealed ON audit_events (id) WHERE chain_seq IS NULL;
CREATE INDEX audit_events_chain ON audit_events (chain_seq) WHERE chain_seq IS NOT NULL;
COMMENT ON TABLE audit_events IS 'Who read or wrote personal data. Holds no personal data itself beyond staff identities and ids.';

CREATE TABLE audit_chain_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  last_seq bigint NOT NULL,
  last_hash text NOT NULL
);

-- Creates the monthly partition that holds `month`, if it is missing.
CREATE FUNCTION utvag_ensure_audit_partition(month date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  first_day date := date_trunc('month', month)::date;
  partition_name text := format('audit_events_%s', to_char(first_day, 'YYYY_MM'));
BEGIN
  IF to_regclass(partition_name) IS NULL THEN
    EXECUTE format('CREATE TABLE %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)',
                   partition_name, first_day, (first_day + interval '1 month')::date);
  END IF;
EXCEPTION WHEN duplicate_table THEN NULL; -- another instance made it at the same moment
END $$;

-- Sealed rows never change and no row is ever deleted; only the sealing job may fill in the chain.
CREATE FUNCTION utvag_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.chain_seq IS NOT NULL
     OR (to_jsonb(NEW) - 'chain_seq' - 'prev_hash' - 'hash') IS DISTINCT FROM (to_jsonb(OLD) - 'chain_seq' - 'prev_hash' - 'hash') THEN
    RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION utvag_audit_guard();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION utvag_audit_guard();

-- Tenant isolation: a case is in the tenant of its owning organisation and of every organisation
-- with a current member on its team. SECURITY DEFINER avoids recursion between the policies.
CREATE FUNCTION utvag_case_in_tenant(p_case_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM cases c WHERE c.id = p_case_id AND c.owner_organisation_id = utvag_current_organisation())
      OR EXISTS (SELECT 1 FROM case_team_members m
                 WHERE m.case_id = p_case_id AND m.organisation_id = utvag_current_organisation() AND m.removed_at IS NULL)
$$;

ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
-- The owner test comes first and reads the row itself: a row just inserted is not yet visible to the
-- function within the same statement (INSERT … RETURNING).
CREATE POLICY cases_tenant ON cases TO utvag_app
  USING (owner_organisation_id = utvag_current_organisation() OR utvag_case_in_tenant(id))
  WITH CHECK (owner_organisation_id = utvag_current_organisation() OR utvag_case_in_tenant(id));

ALTER TABLE participants ENABLE ROW LEVEL SECURITY;
CREATE POLICY participants_tenant ON participants TO utvag_app
  USING (owner_organisation_id = utvag_current_organisation()
         OR EXISTS (SELECT 1 FROM cases c WHERE c.participant_id = participants.id))
  WITH CHECK (owner_organisation_id = utvag_current_organisation());

ALTER TABLE case_team_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_team_members_tenant ON case_team_members TO utvag_app
  USING (utvag_case_in_tenant(case_id)) WITH CHECK (utvag_case_in_tenant(case_id));

ALTER TABLE consents ENABLE ROW LEVEL SECURITY;
CREATE POLICY consents_tenant ON consents TO utvag_app
  USING (utvag_case_in_tenant(case_id)) WITH CHECK (utvag_case_in_tenant(case_id));

ALTER TABLE emergency_access_grants ENABLE ROW LEVEL SECURITY;
CREATE POLICY emergency_access_grants_tenant ON emergency_access_grants TO utvag_app
  USING (utvag_case_in_tenant(case_id)) WITH CHECK (utvag_case_in_tenant(case_id));

-- Least privilege for the application role.
GRANT USAGE ON SCHEMA public TO utvag_app;
GRANT SELECT ON counties, municipalities, organisations, collaboration_members TO utvag_app;
-- Staff are visible by name and role only: never password hashes, second-factor secrets or e-mail.
-- Login, sessions, tokens and rate limits are handled outside case work and are not granted at all.
GRANT SELECT (id, organisation_id, name, title, roles, disabled_at) ON users TO utvag_app;
GRANT SELECT, INSERT, UPDATE ON participants, cases, case_team_members, consents, notifications, idempotency_keys TO utvag_app;
GRANT SELECT, INSERT ON emergency_access_grants TO utvag_app;
GRANT SELECT, INSERT ON audit_events TO utvag_app;
GRANT EXECUTE ON FUNCTION utvag_current_organisation(), utvag_case_in_tenant(uuid) TO utvag_app;
