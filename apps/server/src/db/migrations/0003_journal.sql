-- The journal: entries by the participant's team, each tagged with an information category so that
-- consent decides who reads it. Text is encrypted by the keyring before it reaches the database.
-- A signed entry is locked; a correction is a new row that keeps the original; nothing is deleted.

CREATE TABLE journal_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id),
  author_user_id uuid NOT NULL REFERENCES users (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  category text NOT NULL CHECK (category IN ('identity', 'contact_details', 'protection_housing', 'health', 'trauma_care', 'income',
    'debt', 'sexual_health', 'work_education', 'relationships', 'legal_process', 'residence', 'return')),
  body bytea NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
  signed_at timestamptz,
  signed_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'signed') = (signed_at IS NOT NULL AND signed_by IS NOT NULL))
);
CREATE INDEX journal_entries_case ON journal_entries (case_id, created_at DESC);
COMMENT ON TABLE journal_entries IS 'Journal entries (journalanteckningar); read only in categories that consent shares with the reader.';
COMMENT ON COLUMN journal_entries.body IS 'Encrypted (AES-256-GCM envelope, context journal.body): the text describes a person''s health, exploitation and safety.';

CREATE TABLE journal_corrections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id uuid NOT NULL REFERENCES journal_entries (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  body bytea NOT NULL,
  reason bytea NOT NULL,
  corrected_by uuid NOT NULL REFERENCES users (id),
  corrected_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX journal_corrections_entry ON journal_corrections (entry_id, corrected_at);
COMMENT ON TABLE journal_corrections IS 'Corrections of signed journal entries: who, when and why; the original entry stays as it was.';
COMMENT ON COLUMN journal_corrections.body IS 'Encrypted (context journal.correction): corrected journal text, as sensitive as the entry.';
COMMENT ON COLUMN journal_corrections.reason IS 'Encrypted (context journal.correction.reason): the reason can repeat what the entry said.';

-- Signed entries are locked and nothing is deleted, whoever asks (the owning role too). Retention
-- (gallring) is the one sanctioned exception and must switch this trigger off in its own transaction.
CREATE FUNCTION utvag_journal_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'journal entries are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_TABLE_NAME = 'journal_corrections' THEN
    RAISE EXCEPTION 'journal corrections are never changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'signed' AND (
       NEW.body IS DISTINCT FROM OLD.body OR NEW.category IS DISTINCT FROM OLD.category OR NEW.status IS DISTINCT FROM OLD.status
       OR NEW.signed_at IS DISTINCT FROM OLD.signed_at OR NEW.signed_by IS DISTINCT FROM OLD.signed_by
       OR NEW.author_user_id IS DISTINCT FROM OLD.author_user_id OR NEW.case_id IS DISTINCT FROM OLD.case_id
       OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id OR NEW.created_at IS DISTINCT FROM OLD.created_at) THEN
    RAISE EXCEPTION 'a signed journal entry is locked; add a correction instead' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER journal_entries_locked BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION utvag_journal_guard();
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION utvag_journal_guard();
CREATE TRIGGER journal_corrections_append_only BEFORE UPDATE OR DELETE ON journal_corrections
  FOR EACH ROW EXECUTE FUNCTION utvag_journal_guard();
CREATE TRIGGER journal_corrections_no_truncate BEFORE TRUNCATE ON journal_corrections
  FOR EACH STATEMENT EXECUTE FUNCTION utvag_journal_guard();

ALTER TABLE journal_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY journal_entries_tenant ON journal_entries TO utvag_app
  USING (utvag_case_in_tenant(case_id)) WITH CHECK (utvag_case_in_tenant(case_id));

ALTER TABLE journal_corrections ENABLE ROW LEVEL SECURITY;
CREATE POLICY journal_corrections_tenant ON journal_corrections TO utvag_app
  USING (utvag_case_in_tenant(case_id)) WITH CHECK (utvag_case_in_tenant(case_id));

GRANT SELECT, INSERT, UPDATE ON journal_entries TO utvag_app;
GRANT SELECT, INSERT ON journal_corrections TO utvag_app;
