-- Staff accounts kept by their organisation's administrator (org_admin) in the staff app, not only with
-- `npx utvag user add`. A new account has no password until its holder chooses one through a link; an
-- account whose holder forgot the password gets a new link. Accounts change under optimistic concurrency.
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE users ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN last_login_at timestamptz;

-- A link to choose a password. Only the hash of its secret is kept for checking it. When e-mail is on, the
-- secret waits here encrypted (context 'password_link.token') until the e-mail job has sent it, and is
-- then removed; without e-mail it is shown once to the administrator and never stored.
CREATE TABLE password_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  token_hash text NOT NULL UNIQUE,
  purpose text NOT NULL CHECK (purpose IN ('activation', 'reset')),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz,
  token_sealed bytea,
  emailed_at timestamptz,
  email_claimed_until timestamptz,
  CHECK (token_sealed IS NULL OR emailed_at IS NULL)
);
CREATE INDEX password_links_user ON password_links (user_id);
CREATE INDEX password_links_to_email ON password_links (created_at) WHERE token_sealed IS NOT NULL;
-- Like sessions and API tokens, password links are handled outside case work: nothing is granted to utvag_app.
