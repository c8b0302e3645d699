-- The anonymous mailbox and the support-line inbox. A visitor writes without any identity and
-- returns with a case code and a passphrase; the receiving organisation's intake staff answer.
--
-- Two kinds of transaction reach these tables as utvag_app:
--   * staff, with utvag.organisation_id and utvag.user_id set (as for case data);
--   * a visitor, with utvag.mailbox_conversation_id set to their one conversation and no
--     organisation, so row-level security shows them that conversation and nothing else.
-- The visitor's credentials and sessions are checked by the owning role (like staff login) and are
-- not granted to utvag_app at all.

-- The conversation of the current visitor transaction; NULL for staff.
CREATE FUNCTION utvag_mailbox_conversation() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('utvag.mailbox_conversation_id', true), '')::uuid $$;

-- Which organisations take mailbox messages; exactly one may be the default receiver for messages
-- from places where no organisation in Utväg takes them.
CREATE TABLE mailbox_receivers (
  organisation_id uuid PRIMARY KEY REFERENCES organisations (id),
  is_default boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX mailbox_receivers_one_default ON mailbox_receivers (is_default) WHERE is_default;

-- Staff whom their organisation's administrator has qualified to handle children's conversations.
CREATE TABLE mailbox_child_handlers (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  granted_by uuid NOT NULL REFERENCES users (id),
  granted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mailbox_child_handlers_organisation ON mailbox_child_handlers (organisation_id);

-- Is the current staff user qualified for children's conversations in the current organisation?
-- SECURITY DEFINER so that the policies below can ask without granting the table more widely.
CREATE FUNCTION utvag_mailbox_child_qualified() RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM mailbox_child_handlers h
                 WHERE h.user_id = nullif(current_setting('utvag.user_id', true), '')::uuid
                   AND h.organisation_id = utvag_current_organisation())
$$;

CREATE TABLE mailbox_conversations (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  code_index text UNIQUE,
  passphrase_hash text,
  language text NOT NULL CHECK (language ~ '^[a-z]{2}(-[a-z]{2})?$'),
  age_group text NOT NULL CHECK (age_group IN ('under_18', 'adult', 'not_said')),
  audience text NOT NULL CHECK (audience IN ('general', 'child')),
  municipality_code text REFERENCES municipalities (code),
  county_code text REFERENCES counties (code),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'deleted')),
  assigned_user_id uuid REFERENCES users (id),
  case_id uuid REFERENCES cases (id),
  share_requested_at timestamptz,
  last_visitor_message_at timestamptz NOT NULL DEFAULT now(),
  last_staff_message_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK ((audience = 'child') = (age_group = 'under_18')),
  CHECK ((status = 'deleted') = (deleted_at IS NOT NULL)),
  CHECK (status <> 'deleted' OR (code_index IS NULL AND passphrase_hash IS NULL))
);
CREATE INDEX mailbox_conversations_inbox ON mailbox_conversations (organisation_id, status, last_visitor_message_at DESC);
COMMENT ON TABLE mailbox_conversations IS 'Anonymous mailbox conversations. No IP address, name or contact detail is ever stored; a deleted conversation keeps only its counts.';
COMMENT ON COLUMN mailbox_conversations.code_index IS 'HMAC blind index (keyring) of the case code: the code itself is never stored, so a database copy cannot open a mailbox.';
COMMENT ON COLUMN mailbox_conversations.passphrase_hash IS 'argon2id hash of the passphrase; never logged, never recoverable.';
COMMENT ON COLUMN mailbox_conversations.age_group IS 'What the writer said of their age: a child''s conversation is shown only to staff qualified for children.';
COMMENT ON COLUMN mailbox_conversations.case_id IS 'The case opened from the conversation; read only through the inbox, so the case never shows where it came from.';

CREATE TABLE mailbox_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL REFERENCES mailbox_conversations (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  author text NOT NULL CHECK (author IN ('visitor', 'staff')),
  author_user_id uuid REFERENCES users (id),
  body bytea NOT NULL,
  shared boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((author = 'staff') = (author_user_id IS NOT NULL)),
  CHECK (author = 'visitor' OR NOT shared)
);
CREATE INDEX mailbox_messages_conversation ON mailbox_messages (conversation_id, created_at);
COMMENT ON COLUMN mailbox_messages.body IS 'Encrypted (AES-256-GCM envelope, context mailbox.message): the visitor may describe exploitation, violence and where they are.';
COMMENT ON COLUMN mailbox_messages.shared IS 'The visitor agreed that this message may be passed on into a case; only these are carried over.';

-- The visitor's sessions: like staff sessions, the cookie is stored only as its SHA-256.
CREATE TABLE mailbox_sessions (
  id text PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES mailbox_conversations (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  pending_credentials bytea
);
CREATE INDEX mailbox_sessions_conversation ON mailbox_sessions (conversation_id);
COMMENT ON COLUMN mailbox_sessions.id IS 'SHA-256 of the mailbox cookie; the cookie itself is never stored.';
COMMENT ON COLUMN mailbox_sessions.pending_credentials IS 'Encrypted (context mailbox.credentials): the new code and passphrase, until the page that shows them once has been read; then wiped.';

-- The key under which a visitor's address is hashed for the per-source limits. A new random key
-- every hour, and keys older than two hours are deleted: an hour's counters can no longer be tied
-- to any address, even by someone holding the database and the master key. The address itself is
-- never stored, not even hashed under a lasting key. Owning role only.
CREATE TABLE mailbox_source_keys (
  hour timestamptz PRIMARY KEY,
  key bytea NOT NULL
);
COMMENT ON COLUMN mailbox_source_keys.key IS 'Encrypted (context mailbox.source_key): a short-lived HMAC key for visitor addresses.';

CREATE TABLE mailbox_reply_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  title text NOT NULL,
  language text NOT NULL CHECK (language ~ '^[a-z]{2}(-[a-z]{2})?$'),
  body text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mailbox_reply_templates_organisation ON mailbox_reply_templates (organisation_id, language, title);
COMMENT ON TABLE mailbox_reply_templates IS 'The organisation''s reply templates: general text, never about one person.';

-- Row-level security: staff see their organisation's conversations (children's only when qualified);
-- a visitor sees exactly their own conversation.
CREATE FUNCTION utvag_mailbox_in_tenant(p_conversation_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT p_conversation_id = utvag_mailbox_conversation()
      OR EXISTS (SELECT 1 FROM mailbox_conversations c
                 WHERE c.id = p_conversation_id AND c.organisation_id = utvag_current_organisation()
                   AND (c.audience <> 'child' OR utvag_mailbox_child_qualified()))
$$;

ALTER TABLE mailbox_conversations ENABLE ROW LEVEL SECURITY;
CREATE POLICY mailbox_conversations_tenant ON mailbox_conversations TO utvag_app
  USING (id = utvag_mailbox_conversation()
         OR (organisation_id = utvag_current_organisation() AND (audience <> 'child' OR utvag_mailbox_child_qualified())))
  WITH CHECK (id = utvag_mailbox_conversation()
         OR (organisation_id = utvag_current_organisation() AND (audience <> 'child' OR utvag_mailbox_child_qualified())));

ALTER TABLE mailbox_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY mailbox_messages_tenant ON mailbox_messages TO utvag_app
  USING (utvag_mailbox_in_tenant(conversation_id)) WITH CHECK (utvag_mailbox_in_tenant(conversation_id));

ALTER TABLE mailbox_reply_templates ENABLE ROW LEVEL SECURITY;
CREATE POLICY mailbox_reply_templates_tenant ON mailbox_reply_templates TO utvag_app
  USING (organisation_id = utvag_current_organisation()) WITH CHECK (organisation_id = utvag_current_organisation());

ALTER TABLE mailbox_child_handlers ENABLE ROW LEVEL SECURITY;
CREATE POLICY mailbox_child_handlers_tenant ON mailbox_child_handlers TO utvag_app
  USING (organisation_id = utvag_current_organisation()) WITH CHECK (organisation_id = utvag_current_organisation());

-- The visitor never reads the credentials (the owning role checks them); staff never see them either.
GRANT SELECT (id, organisation_id, language, age_group, audience, municipality_code, county_code, status, assigned_user_id, case_id,
              share_requested_at, last_visitor_message_at, last_staff_message_at, version, created_at, updated_at, deleted_at)
  ON mailbox_conversations TO utvag_app;
GRANT INSERT ON mailbox_conversations TO utvag_app;
GRANT UPDATE (code_index, passphrase_hash, status, assigned_user_id, case_id, share_requested_at, last_visitor_message_at,
              last_staff_message_at, version, updated_at, deleted_at) ON mailbox_conversations TO utvag_app;
GRANT SELECT, INSERT, UPDATE (shared), DELETE ON mailbox_messages TO utvag_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON mailbox_reply_templates TO utvag_app;
GRANT SELECT, INSERT, DELETE ON mailbox_child_handlers TO utvag_app;
GRANT SELECT ON mailbox_receivers TO utvag_app;
GRANT EXECUTE ON FUNCTION utvag_mailbox_conversation(), utvag_mailbox_child_qualified(), utvag_mailbox_in_tenant(uuid) TO utvag_app;
